{#- kolada_kpi_id is what the document states (Nyköping's source notes); it is never filled in
    from a concept, so a null says the document gives none. -#}
with

indicators as (
    select * from {{ ref('int_indicators__unioned') }}
),

final as (
    select
        indicator_value_id,
        document_id,
        municipality_code,
        committee_name,
        goal_area,
        indicator_label,
        kolada_kpi_id,
        period_year,
        value_numeric,
        value_as_printed,
        unit,
        value_role = 'target' as is_target,
        gender,
        value_role,
        column_label,
        qualifier,
        period_year_source,
        concept_id,
        indicator_source,
        source_file,
        source_line,
        source_page
    from indicators
)

select * from final
