{#- amount_tkr_as_printed_unit reads the value in the unit its table's header states. Where the
    evidence says the header is wrong, int_budget_amounts__read carries the other reading. -#}
with

source as (
    select * from {{ source('budget_documents', 'cells') }}
),

tables as (
    select table_id, unit_to_tkr from {{ ref('stg_budget_documents__tables') }}
),

renamed as (
    select
        source.cell_id,
        source.row_id,
        source.table_id,
        source.document_id,
        source.column_index,
        source.value_as_printed,
        source.value_numeric,
        source.decimals,
        source.is_no_value,
        source.source_line,
        source.source_page,
        source.notes,
        cast(source.value_numeric * tables.unit_to_tkr as decimal(18, 3)) as amount_tkr_as_printed_unit,
        {{ rounding_tkr('source.decimals', 'tables.unit_to_tkr') }} as rounding_tkr_as_printed_unit
    from source
    left join tables on source.table_id = tables.table_id
)

select * from renamed
