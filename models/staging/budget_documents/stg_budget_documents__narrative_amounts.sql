with

source as (
    select * from {{ source('budget_documents', 'narrative_amounts') }}
),

unit_factors as (
    select * from {{ ref('stg_budget_documents__unit_factors') }}
),

renamed as (
    select
        source.narrative_id,
        source.document_id,
        source.amount_index,
        source.sentence,
        source.context_label,
        source.value_as_printed,
        source.value_numeric,
        source.decimals,
        source.unit_as_printed,
        source.unit,
        cast(source.value_numeric * unit_factors.to_tkr as decimal(18, 3)) as amount_tkr,
        {{ rounding_tkr('source.decimals', 'unit_factors.to_tkr') }} as rounding_tkr,
        source.fiscal_year,
        source.year_source,
        source.year_source = 'document' as year_is_inferred,
        source.scenario,
        coalesce(source.scenario_is_inferred, true) as scenario_is_inferred,
        coalesce(source.amount_kind, 'amount') as amount_kind,
        coalesce(source.is_approximate, false) as is_approximate,
        source.source_line,
        source.source_page
    from source
    inner join unit_factors on source.unit = unit_factors.unit
)

select * from renamed
