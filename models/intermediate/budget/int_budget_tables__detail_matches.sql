{#- A unit's line in the operating summary and the detail table that specifies it:
    "Kommunikations- & utveckl staben" (Driftsammandrag, mnkr) and "Kommunikations- och
    utvecklingsstaben (tkr)" with its "Summa Kommunikation & utvecklingsstab". Matched by name
    (Jaro-Winkler on the normalised names, at least 0.85), one to one, within a document. -#}
with

tables as (
    select * from {{ ref('stg_budget_documents__tables') }}
    where table_kind = 'budget'
),

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
),

-- The operating summary is the table whose total states the committee's net cost
-- (seeds/measure_patterns.csv, source_kind operating_total: Driftsammandrag, 1.3 Drift).
operating_patterns as (
    select distinct table_title_pattern from {{ ref('measure_patterns') }}
    where source_kind = 'operating_total'
),

operating_tables as (
    select distinct tables.table_id, tables.document_id
    from tables
    inner join operating_patterns on regexp_matches(lower(tables.table_title), operating_patterns.table_title_pattern)
),

unit_lines as (
    select
        lines.row_id as unit_row_id,
        lines.document_id,
        lines.table_id as operating_table_id,
        lines.line_label as unit_label,
        {{ normalised_name('lines.line_label') }} as unit_name,
        count(*) over (partition by lines.table_id) as unit_line_count
    from lines
    inner join operating_tables on lines.table_id = operating_tables.table_id
    where lines.line_kind = 'item'
),

detail_totals as (
    select
        tables.table_id as detail_table_id,
        tables.document_id,
        tables.table_title as detail_title,
        {{ normalised_name('tables.table_title') }} as detail_name,
        lines.row_id as detail_total_row_id,
        lines.line_label as detail_total_label
    from tables
    inner join lines on tables.table_id = lines.table_id and lines.is_pattern_total
    where tables.table_id not in (select operating_tables.table_id from operating_tables)
    qualify row_number() over (partition by tables.table_id order by lines.row_index) = 1
),

scored as (
    select
        unit_lines.*,
        detail_totals.detail_table_id,
        detail_totals.detail_title,
        detail_totals.detail_total_row_id,
        detail_totals.detail_total_label,
        jaro_winkler_similarity(unit_lines.unit_name, detail_totals.detail_name) as similarity
    from unit_lines
    inner join detail_totals on unit_lines.document_id = detail_totals.document_id
    where jaro_winkler_similarity(unit_lines.unit_name, detail_totals.detail_name) >= 0.85
),

final as (
    select *
    from scored
    qualify
        row_number() over (partition by unit_row_id order by similarity desc) = 1
        and row_number() over (partition by detail_table_id order by similarity desc) = 1
)

select * from final
