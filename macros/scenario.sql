{#- The scenario a year has against a base year when nothing printed says: an outcome (utfall)
    before it, the budget of it, a plan after it; null where either year is unknown. The
    extractor applies the same rule to columns and sentences without a scenario word
    (extract/scenarios.py: change one, change the other). -#}
{% macro scenario_of_year(fiscal_year, base_year) -%}
    (case
        when {{ fiscal_year }} < {{ base_year }} then 'utfall'
        when {{ fiscal_year }} = {{ base_year }} then 'budget'
        when {{ fiscal_year }} > {{ base_year }} then 'plan'
    end)
{%- endmacro %}
