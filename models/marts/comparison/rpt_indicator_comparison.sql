{#- The indicators seeds/indicator_concepts.csv maps, side by side by municipality and year:
    values and targets, in total (gender T or not broken down). -#}
with

indicators as (
    select * from {{ ref('int_indicators__unioned') }}
    where concept_id is not null and coalesce(gender, 'T') = 'T'
),

concepts as (
    select * from {{ ref('indicator_concepts') }}
),

final as (
    select
        concepts.concept_id,
        concepts.concept_label,
        indicators.period_year,
        indicators.municipality_code,
        indicators.municipality_name,
        indicators.committee_name,
        indicators.value_role,
        indicators.value_role = 'target' as is_target,
        indicators.value_numeric,
        indicators.value_as_printed,
        indicators.unit,
        indicators.indicator_label,
        indicators.kolada_kpi_id,
        concepts.kolada_kpi_id as concept_kolada_kpi_id,
        indicators.indicator_value_id,
        indicators.document_id,
        indicators.source_file,
        indicators.source_line
    from indicators
    inner join concepts on indicators.concept_id = concepts.concept_id
)

select * from final
