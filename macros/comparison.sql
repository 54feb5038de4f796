{#- SEK per inhabitant from an amount in tkr; null without a population. -#}
{% macro per_capita_sek(amount_tkr, population) -%}
    cast(case when {{ population }} > 0 then {{ amount_tkr }} * 1000 / {{ population }} end as decimal(18, 2))
{%- endmacro %}

{#- Growth as a ratio (0.05 is 5 %) against a base amount; null when the base is zero or null. -#}
{% macro growth(amount, base) -%}
    cast(case when {{ base }} <> 0 then {{ amount }} / {{ base }} - 1 end as decimal(18, 4))
{%- endmacro %}

{#- The reporting entities rpt_municipality_comparison compares, as a SQL list: the kommun
    alone unless `comparison_reporting_entities` (dbt_project.yml) asks for koncern too. -#}
{% macro compared_entities() -%}
    {%- set entities = var('comparison_reporting_entities', ['kommun']) -%}
    {%- for entity in entities -%}'{{ entity }}'{{ ', ' if not loop.last }}{%- endfor -%}
{%- endmacro %}

{#- The one statement that speaks for a committee's measure in a year when several places state
    it (int_committee_statements): the operating summary's total before other totals, the
    summary line, the detail sum and a sentence (source_rank), then the most precise. Both
    rpt_plan_period and rpt_municipality_comparison report this statement. -#}
{% macro one_statement_per_committee_year(statements) -%}
    select *
    from {{ statements }}
    qualify row_number() over (
        partition by municipality_code, committee_name, measure, fiscal_year
        order by source_rank, rounding_tkr, statement_id
    ) = 1
{%- endmacro %}

{#- Scenarios in the order a comparison prefers them when a year has several: the outcome, then
    the budget, the plan and the forecast. -#}
{% macro scenario_order(scenario) -%}
    case {{ scenario }} when 'utfall' then 1 when 'budget' then 2 when 'plan' then 3 when 'prognos' then 4 else 5 end
{%- endmacro %}
