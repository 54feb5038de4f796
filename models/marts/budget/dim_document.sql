with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
),

committees as (
    select * from {{ ref('int_committees') }}
),

final as (
    select
        documents.document_id,
        documents.document_key,
        documents.source_file,
        documents.municipality_code,
        documents.municipality_name,
        documents.committee_name,
        committees.committee_type,
        documents.issuing_unit,
        documents.document_type,
        documents.document_title,
        documents.base_year,
        documents.file_format,
        documents.sha256,
        documents.document_status,
        documents.status_message,
        documents.is_current,
        documents.is_active,
        documents.page_count,
        documents.table_count,
        documents.cell_count,
        documents.narrative_count,
        documents.issue_count,
        documents.warning_count,
        documents.digit_line_count,
        documents.cell_line_count,
        documents.extractor_version,
        documents.landed_at,
        documents.superseded_at,
        documents.superseded_by
    from documents
    left join committees
        on
            documents.municipality_code = committees.municipality_code
            and documents.committee_name = committees.committee_name
)

select * from final
