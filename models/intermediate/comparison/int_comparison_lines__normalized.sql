{#- Every line with values of a current document's tables, with where it is printed (document,
    file, municipality, table, line) and its label as the vocabularies read it:
    normalized_label() (lower case, no bullet, numbering or footnote mark), beside the label as
    printed. int_comparison_lines__mapped maps these labels to standard lines and committee
    types. -#}
with

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
    where row_type = 'values'
),

rows as (
    select * from {{ ref('stg_budget_documents__rows') }}
),

tables as (
    select * from {{ ref('stg_budget_documents__tables') }}
),

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

final as (
    select
        lines.row_id,
        lines.table_id,
        lines.document_id,
        documents.source_file,
        documents.municipality_code,
        tables.table_title,
        lines.row_index,
        rows.source_line,
        lines.line_label,
        {{ normalized_label('lines.line_label') }} as normalized_label,
        lines.line_kind,
        lines.section_label
    from lines
    inner join documents on lines.document_id = documents.document_id
    inner join tables on lines.table_id = tables.table_id
    inner join rows on lines.row_id = rows.row_id
)

select * from final
