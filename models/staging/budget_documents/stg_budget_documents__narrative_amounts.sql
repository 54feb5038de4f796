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
        fiscal_year,
        year_source,
        year_source = 'document' as year_is_inferred,
        scenario,
        coalesce(scenario_is_inferred, true) as scenario_is_inferred,
        coalesce(amount_kind, 'amount') as amount_kind,
        coalesce(is_approximate, false) as is_approximate,
        coalesce(reporting_entity, 'kommun') as reporting_entity,
        coalesce(period_kind, 'year') as period_kind,
        source_line,
        source_page
    from source
)

select * from renamed
