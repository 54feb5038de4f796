{#- The extracted text of every landed document, page by page: what source_line and source_page
    in the other marts point into. -#}
with

pages as (
    select * from {{ ref('stg_budget_documents__pages') }}
),

final as (
    select
        document_id,
        cast(page_no as integer) as page_no,
        page_kind,
        cast(first_line as integer) as first_line,
        cast(last_line as integer) as last_line,
        page_text
    from pages
)

select * from final
