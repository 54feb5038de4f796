with

source as (
    select * from {{ source('budget_documents', 'cells') }}
),

renamed as (
    select
        cell_id,
        row_id,
        table_id,
        document_id,
        column_index,
        value_as_printed,
        value_numeric,
        decimals,
        is_no_value,
        source_line,
        source_page,
        notes
    from source
)

select * from renamed
