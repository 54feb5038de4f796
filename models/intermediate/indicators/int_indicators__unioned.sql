{#- Every indicator value and target: from indicator tables (nämndindikatorer, nyckeltal,
    mätetal) and from key-figure tables (a year-column table without a unit, such as
    Linköping's Personal table: int_indicators__key_figure_cells), each mapped to an indicator
    concept where one matches.
    Concepts map indicator-table rows only: a key-figure table's lines are an office's own. -#}
with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

indicator_values as (
    select * from {{ ref('stg_budget_documents__indicator_values') }}
),

key_figure_cells as (
    select * from {{ ref('int_indicators__key_figure_cells') }}
),

indicator_table_values as (
    select
        indicator_value_id,
        document_id,
        'indicator_table' as indicator_source,
        goal_area,
        indicator_label,
        kolada_kpi_id,
        column_label,
        value_role,
        period_year,
        period_year_source,
        gender,
        value_as_printed,
        value_numeric,
        is_no_value,
        unit,
        qualifier,
        cast(null as varchar) as table_title,
        source_line,
        source_page
    from indicator_values
),

unioned as (
    select * from indicator_table_values
    union all
    select * from key_figure_cells
),

concepts as (
    select * from {{ ref('indicator_concepts') }}
),

mapped as (
    select
        unioned.*,
        concepts.concept_id
    from unioned
    left join concepts
        on
            unioned.indicator_source = 'indicator_table'
            and regexp_matches(lower(unioned.indicator_label), concepts.label_pattern)
            and not regexp_matches(lower(unioned.indicator_label), coalesce(concepts.exclude_pattern, '^$'))
    qualify row_number() over (partition by unioned.indicator_value_id order by concepts.concept_id) = 1
),

final as (
    select
        mapped.*,
        documents.municipality_code,
        documents.municipality_name,
        documents.committee_name,
        documents.source_file,
        documents.base_year
    from mapped
    inner join documents on mapped.document_id = documents.document_id
)

select * from final
