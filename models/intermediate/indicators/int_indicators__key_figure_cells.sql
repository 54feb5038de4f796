{#- The cells of key-figure rows as indicator values: the rows whose values are not money
    (raw.rows.value_unit: every row of a key-figure table, a year-column table without a unit
    such as Linköping's Personal table, that prints no money unit of its own; and the percent,
    per-inhabitant, count and tax-rate rows of a money table, Soliditet, % or Skulder per
    invånare (kr)). Each with the row's label, the column's header and year; a value in an
    utfall column, a target in any other; the unit the label prints (% for a percent row). -#}
with

tables as (
    select * from {{ ref('stg_budget_documents__tables') }}
),

cells as (
    select * from {{ ref('stg_budget_documents__cells') }}
),

rows as (
    select * from {{ ref('stg_budget_documents__rows') }}
    where value_unit is not null
),

columns as (
    select * from {{ ref('stg_budget_documents__columns') }}
),

final as (
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
        case
            when rows.value_unit = 'percent' then '%'
            else rows.label_unit
        end as unit,
        cast(null as varchar) as qualifier,
        tables.table_title,
        cells.source_line,
        cells.source_page
    from cells
    inner join tables on cells.table_id = tables.table_id
    inner join rows on cells.row_id = rows.row_id
    inner join columns on cells.table_id = columns.table_id and cells.column_index = columns.column_index
)

select * from final
