with

source as (
    select * from {{ source('budget_documents', 'tables') }}
),

renamed as (
    select
        table_id,
        document_id,
        table_no,
        title as table_title,
        title_line,
        kind as table_kind,
        unit_phrase,
        unit as unit_as_printed,
        coalesce(unit_is_inferred, false) as unit_is_inferred,
        unit_note,
        header_first_line,
        header_last_line,
        first_line,
        last_line,
        source_page,
        years_inferred,
        column_count,
        row_count
    from source
)

select * from renamed
