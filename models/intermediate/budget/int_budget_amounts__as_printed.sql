{#- Every money cell of a current document's tables, read in its unit, with its year, scenario,
    kind, reporting entity, period and place in the hierarchy. A cell's unit is the one its row's
    label prints (Nettoinvesteringar (mnkr), Investeringar, tkr), or else its table's header's;
    it converts to tkr by seeds/units.csv (stg_budget_documents__unit_factors); where the evidence
    says the header is wrong, int_budget_amounts__read carries the other reading. A row is money
    when the extractor says so (raw.rows.value_unit is null: a row of a money table, or a row of
    a key-figure table that prints a money unit of its own). Cells of Not and percent columns, and
    of rows whose values are not money (Årets resultat i procent av …, … per invånare (kr),
    Soliditet, %), stay out of the amounts: those rows are indicators
    (int_indicators__key_figure_cells). -#}
with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

tables as (
    select * from {{ ref('stg_budget_documents__tables') }}
),

columns as (
    select * from {{ ref('stg_budget_documents__columns') }}
    where is_money
),

cells as (
    select * from {{ ref('stg_budget_documents__cells') }}
    where value_numeric is not null
),

unit_factors as (
    select * from {{ ref('stg_budget_documents__unit_factors') }}
),

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
    where value_unit is null
),


joined as (
    select
        cells.cell_id,
        cells.row_id,
        cells.table_id,
        cells.document_id,
        documents.source_file,
        documents.municipality_code,
        documents.municipality_name,
        documents.committee_name,
        documents.issuing_unit,
        documents.base_year,
        tables.table_no,
        tables.table_title,
        coalesce(lines.label_unit, tables.unit_as_printed) as unit_as_printed,
        tables.unit_phrase,
        unit_factors.to_tkr as header_unit_to_tkr,
        lines.row_index,
        lines.line_label,
        lines.line_kind,
        -- a table without headings is one section: its caption
        coalesce(lines.section_label, tables.table_title) as section_label,
        lines.breakdown_role,
        lines.of_which_parent_row_id,
        lines.counts_in_total,
        cells.column_index,
        columns.fiscal_year,
        columns.scenario,
        columns.scenario_is_inferred,
        columns.year_is_inferred,
        columns.amount_kind,
        columns.reporting_entity,
        columns.period_kind,
        columns.column_header,
        tables.unit_is_inferred,
        cells.value_as_printed,
        cells.value_numeric,
        cells.decimals,
        cast(cells.value_numeric * unit_factors.to_tkr as decimal(18, 3)) as amount_tkr_as_printed_unit,
        {{ rounding_tkr('cells.decimals', 'unit_factors.to_tkr') }} as rounding_tkr_as_printed_unit,
        cells.source_line,
        cells.source_page,
        lines.alignment_is_guess,
        lines.split_ambiguous
    from cells
    inner join documents on cells.document_id = documents.document_id
    inner join tables on cells.table_id = tables.table_id
    inner join lines on cells.row_id = lines.row_id
    left join unit_factors on coalesce(lines.label_unit, tables.unit_as_printed) = unit_factors.unit
    inner join columns on cells.table_id = columns.table_id and cells.column_index = columns.column_index
)

select * from joined
