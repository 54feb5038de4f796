with

source as (
    select * from {{ source('budget_documents', 'pages') }}
),

renamed as (
    select
        document_id,
        page_no,
        page_kind,
        first_line,
        last_line,
        text as page_text
    from source
)

select * from renamed
