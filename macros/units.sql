{#- Unit arithmetic, in one place: everything the warehouse reports is in thousands of SEK.
    The factors come from seeds/units.csv through stg_budget_documents__unit_factors. -#}

{#- What rounding of one printed value can explain: half of its last printed digit, in tkr.
    666,8 mnkr (one decimal) is exact to 0.05 mnkr = 50 tkr; 10 753 tkr to 0.5 tkr. -#}
{% macro rounding_tkr(decimals, to_tkr) -%}
    cast(0.5 * power(10, -coalesce({{ decimals }}, 0)) * {{ to_tkr }} as decimal(18, 3))
{%- endmacro %}

{#- A name for matching lines and tables: lower case, no unit in parentheses, & read as och,
    letters only. "Kommunikations- & utveckl staben" -> "kommunikationsochutvecklstaben". -#}
{% macro normalised_name(expr) -%}
    regexp_replace(
        replace(regexp_replace(lower({{ expr }}), '\((tkr|mnkr|mkr|kr)\)', '', 'g'), '&', 'och'),
        '[^a-zåäö]', '', 'g'
    )
{%- endmacro %}
