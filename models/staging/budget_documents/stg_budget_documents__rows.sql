with

source as (
    select * from {{ source('budget_documents', 'rows') }}
),

renamed as (
    select
        row_id,
        table_id,
        document_id,
        row_index,
        row_type,
        label as line_label,
        label_first_line,
        label_last_line,
        source_line,
        source_page,
        raw_text,
        value_count,
        alignment_method,
        coalesce(alignment_is_guess, false) as alignment_is_guess,
        alignment_note,
        coalesce(split_ambiguous, false) as split_ambiguous,
        split_note,
        reading_count,
        value_unit,
        label_unit,
        line_role,
        breakdown,
        group_no
    from source
)

select * from renamed
