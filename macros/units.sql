{#- Unit arithmetic, in one place: everything the warehouse reports is in thousands of SEK.
    The factors and the unit words come from seeds/units.csv (through stg_budget_documents__unit_factors). -#}

{#- What rounding of one printed value can explain: half of its last printed digit, in tkr.
    666,8 mnkr (one decimal) is exact to 0.05 mnkr = 50 tkr; 10 753 tkr to 0.5 tkr. -#}
{% macro rounding_tkr(decimals, to_tkr) -%}
    cast(0.5 * power(10, -coalesce({{ decimals }}, 0)) * {{ to_tkr }} as decimal(18, 3))
{%- endmacro %}

{#- A name for matching lines and tables: lower case, no unit in parentheses, & read as och,
    letters only. "Kommunikations- & utveckl staben" -> "kommunikationsochutvecklstaben",
    "Ekonomistaben (tkr)" -> "ekonomistaben". The unit words are seeds/units.csv's money terms. -#}
{% macro normalised_name(expr) -%}
    regexp_replace(
        replace(regexp_replace(lower({{ expr }}), {{ money_unit_in_parentheses() }}, '', 'g'), '&', 'och'),
        '[^a-zåäö]', '', 'g'
    )
{%- endmacro %}

{#- A regular expression for a money unit of seeds/units.csv in parentheses: "(tkr)", "(mnkr)",
    "(miljoner kronor)". -#}
{% macro money_unit_in_parentheses() -%}
    (select '\((' || string_agg(regexp_escape(term), '|') || ')\)' from {{ ref('units') }} where is_money)
{%- endmacro %}
