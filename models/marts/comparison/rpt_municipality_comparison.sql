{#- Municipalities side by side: per committee type, measure and year, the amount, the
    population, the amount per inhabitant, the growth against the first year the municipality
    states, and what the figure covers (seeds/comparability_notes.csv, reviewed per
    municipality; a figure nobody has reviewed says so). Amounts stated only in running text
    (Norrköping) take part. -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where states_the_year
),

committees as (
    select * from {{ ref('int_committees') }}
),

municipalities as (
    select * from {{ ref('dim_municipality') }}
),

notes as (
    select * from {{ ref('comparability_notes') }}
),

reference as (
    select *
    from statements
    qualify row_number() over (
        partition by municipality_code, committee_name, measure, fiscal_year
        order by source_rank, rounding_tkr, statement_id
    ) = 1
),

by_type as (
    select
        reference.municipality_code,
        committees.committee_type,
        reference.measure,
        reference.fiscal_year,
        sum(reference.amount_tkr) as amount_tkr,
        string_agg(distinct reference.scenario, ', ') as scenario,
        string_agg(reference.committee_name || ' (' || reference.source_kind || ', '
            || reference.table_title || ')', '; ') as stated_by,
        count(*) as committee_count
    from reference
    inner join committees
        on reference.municipality_code = committees.municipality_code
        and reference.committee_name = committees.committee_name
    group by all
),

with_growth as (
    select
        *,
        min(fiscal_year) over (partition by municipality_code, committee_type, measure) as first_stated_year,
        first_value(amount_tkr) over (
            partition by municipality_code, committee_type, measure order by fiscal_year
        ) as first_stated_amount_tkr
    from by_type
),

final as (
    select
        with_growth.municipality_code,
        municipalities.municipality_name,
        with_growth.committee_type,
        cast(with_growth.fiscal_year as integer) as fiscal_year,
        with_growth.measure,
        cast(with_growth.amount_tkr as decimal(18, 3)) as amount_tkr,
        with_growth.scenario,
        municipalities.population,
        municipalities.population_date,
        {{ per_capita_sek('with_growth.amount_tkr', 'municipalities.population') }} as amount_per_capita_sek,
        cast(with_growth.first_stated_year as integer) as first_stated_year,
        {{ growth('with_growth.amount_tkr', 'with_growth.first_stated_amount_tkr') }} as growth_since_first_year,
        coalesce(notes.note, 'Not reviewed: what this figure covers has not been checked against the document.')
        || ' Stated by ' || with_growth.stated_by || '. Scenario: ' || with_growth.scenario || '.'
        || case
            when municipalities.population is null
                then ' No population is entered for this municipality in seeds/municipalities.csv, so there is no per-inhabitant figure.'
            else ' Per inhabitant on the population of ' || cast(municipalities.population_date as varchar)
                || ' (' || municipalities.population_source || ').'
        end as comparability,
        with_growth.stated_by
    from with_growth
    inner join municipalities on with_growth.municipality_code = municipalities.municipality_code
    left join notes
        on with_growth.municipality_code = notes.municipality_code
        and with_growth.committee_type = notes.committee_type
        and with_growth.measure = notes.measure
)

select * from final
