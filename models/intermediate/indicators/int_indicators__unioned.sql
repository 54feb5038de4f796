{#- Every indicator value and target: from indicator tables (nämndindikatorer, nyckeltal,
    mätetal) and from key-figure tables (a year-column table without a unit, such as
    Linköping's Personal table), each mapped to an indicator concept where one matches.
    Concepts map indicator-table rows only: a key-figure table's lines are an office's own. -#}
with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

indicator_values as (
    select * from {{ ref('stg_budget_documents__indicator_values') }}
),

tables as (
    select * from {{ ref('stg_budget_documents__tables') }}
    where table_kind = 'key_figures'
),

key_figure_cells as (
    select
        cells.cell_id as indicator_value_id,
        cells.document_id,
        'key_figures_table' as indicator_source,
        cast(null as varchar) as goal_area,
        rows.line_label as indicator_label,
        cast(null as varchar) as kolada_kpi_id,
        columns.column_header as column_label,
        case when columns.scenario = 'utfall' then 'value' else 'target' end as value_role,
        columns.fiscal_year as period_year,
        'header' as period_year_source,
        cast(null as varchar) as gender,
        cells.value_as_printed,
        cast(cells.value_numeric as double) as value_numeric,
        cells.is_no_value,
        cast(null as varchar) as unit,
        cast(null as varchar) as qualifier,
        tables.table_title,
        cells.source_line,
        cells.source_page
    from {{ ref('stg_budget_documents__cells') }} as cells
    inner join tables on cells.table_id = tables.table_id
    inner join {{ ref('stg_budget_documents__rows') }} as rows on cells.row_id = rows.row_id
    inner join {{ ref('stg_budget_documents__columns') }} as columns
        on cells.table_id = columns.table_id and cells.column_index = columns.column_index
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
