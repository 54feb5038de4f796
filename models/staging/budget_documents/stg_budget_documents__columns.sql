{#- Scenario terms normalised (Bokslut is utfall); a column without a scenario word gets the one
    its document implies: before the base year utfall, the base year budget, after it plan. -#}
with

source as (
    select * from {{ source('budget_documents', 'columns') }}
),

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
),

scenario_terms as (
    select * from {{ ref('scenario_terms') }}
),

renamed as (
    select
        source.table_id,
        source.document_id,
        source.column_index,
        source.fiscal_year,
        source.year_is_inferred,
        source.scenario_as_printed,
        source.header_text,
        source.header_line,
        documents.base_year
    from source
    left join documents on source.document_id = documents.document_id
),

normalised as (
    select
        renamed.*,
        coalesce(
            scenario_terms.scenario,
            case
                when renamed.fiscal_year < renamed.base_year then 'utfall'
                when renamed.fiscal_year = renamed.base_year then 'budget'
                when renamed.fiscal_year > renamed.base_year then 'plan'
            end
        ) as scenario,
        -- inferred from the year only when the header had no scenario word and a base year is known
        scenario_terms.scenario is null and renamed.fiscal_year is not null and renamed.base_year is not null
            as scenario_is_inferred
    from renamed
    left join scenario_terms on lower(renamed.scenario_as_printed) = scenario_terms.term
),

final as (
    select
        table_id,
        document_id,
        column_index,
        fiscal_year,
        year_is_inferred,
        scenario,
        scenario_is_inferred,
        scenario_as_printed,
        header_text,
        header_line
    from normalised
)

select * from final
