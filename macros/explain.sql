{#- Amounts in explanations, written the way the documents write them: "30 164 tkr",
    "419,9 mnkr", "−0,9 mnkr". `unit` is 'tkr' or 'mnkr' (anything else is shown in tkr). -#}
{% macro fmt_amount(tkr, unit) -%}
    (case
        when {{ tkr }} is null then 'nothing'
        when {{ unit }} = 'mnkr'
            then translate(format('{:,.1f}', cast({{ tkr }} as double) / 1000), ',.', ' ,') || ' mnkr'
        when round({{ tkr }}, 0) = {{ tkr }}
            then translate(format('{:,.0f}', cast({{ tkr }} as double)), ',.', ' ,') || ' tkr'
        else translate(format('{:,.1f}', cast({{ tkr }} as double)), ',.', ' ,') || ' tkr'
    end)
{%- endmacro %}

{#- "table 'Driftsammandrag', line 349 'Summa nämndens internbudget'" -#}
{% macro fmt_place(table_title, source_line, line_label) -%}
    ('''' || {{ line_label }} || ''' in ' || {{ table_title }}
        || coalesce(' (line ' || cast({{ source_line }} as varchar) || ')', ''))
{%- endmacro %}
