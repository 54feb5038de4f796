{#- Every municipality of seeds/municipalities.csv, with its population and where that figure
    comes from, and whether the warehouse holds any of its documents. -#}
with

municipalities as (
    select * from {{ ref('municipalities') }}
),

documents as (
    select municipality_code, count(*) as document_count
    from {{ ref('stg_budget_documents__documents') }}
    where is_active
    group by municipality_code
),

final as (
    select
        municipalities.municipality_code,
        municipalities.municipality_name,
        municipalities.county_code,
        municipalities.county_name,
        cast(municipalities.population as integer) as population,
        cast(municipalities.population_date as date) as population_date,
        municipalities.population_source,
        cast(coalesce(documents.document_count, 0) as integer) as document_count
    from municipalities
    left join documents on municipalities.municipality_code = documents.municipality_code
)

select * from final
