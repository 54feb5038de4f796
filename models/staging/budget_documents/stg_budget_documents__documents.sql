with

source as (
    select * from {{ source('budget_documents', 'documents') }}
),

renamed as (
    select
        document_id,
        document_key,
        source_file,
        source_path,
        sha256,
        size_bytes,
        file_format,
        text_encoding,
        status as document_status,
        status_code,
        status_message,
        is_current,
        status = 'landed' and is_current as is_active,
        municipality_code,
        municipality_name,
        municipality_source,
        committee_name,
        committee_source,
        issuing_unit,
        document_type,
        document_title,
        base_year,
        base_year_source,
        page_count,
        line_count,
        digit_line_count,
        cell_line_count,
        table_count,
        cell_count,
        narrative_count,
        issue_count,
        warning_count,
        extractor_version,
        duration_ms,
        landed_at,
        superseded_at,
        superseded_by
    from source
)

select * from renamed
