{#- A cell that states a year's amount of its line for the municipality itself: not a koncern
    column, not a part of the year or a cumulative range, not an income, cost, deviation or
    change column. Only such cells state a committee's net cost, are compared across tables
    and municipalities, or fill the plan period. `entities` widens it to the reporting entities
    a comparison asks for (compared_entities()); everything else always compares the kommun. -#}
{% macro is_year_amount(alias='', entities=none) -%}
    {%- set p = alias ~ '.' if alias else '' -%}
    (
        {{ p }}reporting_entity in ({{ entities if entities else "'kommun'" }})
        and {{ p }}period_kind = 'year' and {{ p }}amount_kind in ('amount', 'net')
    )
{%- endmacro %}

{#- How an explanation names a cell's column: its year, and the column's header where the year
    alone does not say which column (Kostnader 2020, KONCERNEN 2018, Period Utfall). -#}
{% macro fmt_column(alias='') -%}
    {%- set p = alias ~ '.' if alias else '' -%}
    (
        cast({{ p }}fiscal_year as varchar)
        || case
            when {{ is_year_amount(alias) }} then ''
            else ' (' || coalesce({{ p }}column_header, {{ p }}amount_kind) || ')'
        end
    )
{%- endmacro %}
