with

source as (
    select * from {{ source('budget_documents', 'extraction_issues') }}
),

renamed as (
    select
        issue_id,
        document_id,
        source_file,
        source_line,
        source_page,
        severity,
        code as issue_code,
        message,
        raw_text,
        table_id,
        row_id,
        landed_at
    from source
)

select * from renamed
