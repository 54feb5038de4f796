{#- Every budget cell with the reading the evidence supports: in its header's unit unless
    int_budget_amounts__unit_evidence re-reads its line or its whole table in tkr.
    Incremental by document (macros/incremental.sql). -#}
{{ config(**incremental_by_document()) }}

with

documents as (
    select document_id, landed_at from {{ ref('stg_budget_documents__documents') }}
    where is_active and {{ documents_to_build() }}
),

amounts as (
    select * from {{ ref('int_budget_amounts__as_printed') }}
    where document_id in (select documents.document_id from documents)
),

evidence as (
    select * from {{ ref('int_budget_amounts__unit_evidence') }}
    where is_reread and document_id in (select documents.document_id from documents)
),

reread_tables as (
    select distinct table_id from evidence
    where reread_scope = 'table'
),

reread_lines as (
    select distinct row_id from evidence
    where reread_scope = 'line'
),

read as (
    select
        amounts.*,
        reread_tables.table_id is not null or reread_lines.row_id is not null as is_unit_reread,
        reread_lines.row_id is not null as is_line_reread
    from amounts
    left join reread_tables on amounts.table_id = reread_tables.table_id
    left join reread_lines on amounts.row_id = reread_lines.row_id
),

-- A table printed to one decimal writes 150,0 as "150" and 0,0 as "0": its precision is that of
-- its most precise figure, not of each figure. A line re-read on its own keeps its own.
table_precision as (
    select table_id, max(decimals) as table_decimals
    from read
    where not is_line_reread
    group by table_id
),

final as (
    select
        read.*,
        case when read.is_line_reread then read.decimals else table_precision.table_decimals end
            as precision_decimals,
        case when read.is_unit_reread then 1 else read.header_unit_to_tkr end as unit_to_tkr,
        cast(
            read.value_numeric * case when read.is_unit_reread then 1 else read.header_unit_to_tkr end
            as decimal(18, 3)
        ) as amount_tkr,
        {{ rounding_tkr(
            'case when read.is_line_reread then read.decimals else table_precision.table_decimals end',
            'case when read.is_unit_reread then 1 else read.header_unit_to_tkr end'
        ) }} as rounding_tkr,
        case when read.is_unit_reread then 'tkr' else read.unit_as_printed end as unit_as_read,
        documents.landed_at as document_landed_at
    from read
    left join table_precision on read.table_id = table_precision.table_id
    inner join documents on read.document_id = documents.document_id
)

select * from final
