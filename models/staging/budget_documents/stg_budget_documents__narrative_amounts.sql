with

source as (
    select * from {{ source('budget_documents', 'narrative_amounts') }}
),

renamed as (
    select
        narrative_id,
        document_id,
        amount_index,
        sentence,
        context_label,
        value_as_printed,
        value_numeric,
        decimals,
        unit_as_printed,
        unit,
        cast(value_numeric * {{ unit_to_tkr('unit') }} as decimal(18, 3)) as amount_tkr,
        {{ rounding_tkr('decimals', unit_to_tkr('unit')) }} as rounding_tkr,
        fiscal_year,
        year_source,
        year_source = 'document' as year_is_inferred,
        source_line,
        source_page
    from source
)

select * from renamed
