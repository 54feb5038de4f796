with

source as (
    select * from {{ source('budget_documents', 'tables') }}
),

unit_factors as (
    select * from {{ ref('stg_budget_documents__unit_factors') }}
),

renamed as (
    select
        source.table_id,
        source.document_id,
        source.table_no,
        source.title as table_title,
        source.title_line,
        source.kind as table_kind,
        source.unit_phrase,
        source.unit as unit_as_printed,
        unit_factors.to_tkr as unit_to_tkr,
        coalesce(source.unit_is_inferred, false) as unit_is_inferred,
        source.unit_note,
        source.header_first_line,
        source.header_last_line,
        source.first_line,
        source.last_line,
        source.source_page,
        source.years_inferred,
        source.column_count,
        source.row_count
    from source
    left join unit_factors on source.unit = unit_factors.unit
)

select * from renamed
