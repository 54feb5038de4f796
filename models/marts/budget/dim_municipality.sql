{#- Every municipality of seeds/municipalities.csv, with its latest population (seeds/population.csv)
    and where that figure comes from, and whether the warehouse holds any of its documents. -#}
with

municipalities as (
    select * from {{ ref('municipalities') }}
),

latest_population as (
    select *
    from {{ ref('population') }}
    qualify row_number() over (partition by municipality_code order by population_date desc) = 1
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
        cast(latest_population.population as integer) as population,
        cast(latest_population.population_date as date) as population_date,
        latest_population.source as population_source,
        cast(coalesce(documents.document_count, 0) as integer) as document_count
    from municipalities
    left join latest_population on municipalities.municipality_code = latest_population.municipality_code
    left join documents on municipalities.municipality_code = documents.municipality_code
)

select * from final
