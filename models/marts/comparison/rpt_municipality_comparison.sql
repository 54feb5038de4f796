{#- Municipalities side by side. One row per municipality, reporting entity, committee type or
    standard line, measure, fiscal year and scenario: the figures of int_comparison_figures
    (committee rows from the committees' own documents and tables of committees, standard-line
    rows from the resultaträkning and balansräkning), each with the population of its year, SEK
    per inhabitant, the median of the municipality's peer group (SKR kommungrupp) in the
    warehouse and the difference from it, the growth against the first year the municipality
    states and against one base year shared by the measure, and what the figure covers
    (seeds/comparability_notes.csv, reviewed per municipality; a figure nobody has reviewed says
    so). The kommun only, unless `comparison_reporting_entities` asks for koncern too. -#}
with

figures as (
    select * from {{ ref('int_comparison_figures') }}
),

municipalities as (
    select * from {{ ref('dim_municipality') }}
),

population as (
    select * from {{ ref('population') }}
),

-- A municipality's group in the newest classification the seed holds.
peer_groups as (
    select *
    from {{ ref('municipality_groups') }}
    qualify row_number() over (partition by municipality_code order by classification_version desc) = 1
),

notes as (
    select * from {{ ref('comparability_notes') }}
),

-- The population of 31 December of the fiscal year where the seed has it, else of the nearest
-- year; of two equally near, the earlier (31 December before the year is nearer its middle).
year_population as (
    select
        years.municipality_code,
        years.fiscal_year,
        population.population,
        population.population_date,
        population.source as population_source
    from (select distinct municipality_code, fiscal_year from figures) as years
    inner join population on years.municipality_code = population.municipality_code
    qualify row_number() over (
        partition by years.municipality_code, years.fiscal_year
        order by abs(year(population.population_date) - years.fiscal_year), population.population_date
    ) = 1
),

-- One base year per measure (a committee type's or a standard line's, per reporting entity):
-- the year most municipalities state, the earliest of those; where every municipality shares
-- a year, that is the earliest year they all state.
base_years as (
    select
        reporting_entity,
        committee_type,
        standard_line,
        measure,
        fiscal_year as growth_base_year
    from figures
    group by reporting_entity, committee_type, standard_line, measure, fiscal_year
    qualify row_number() over (
        partition by reporting_entity, committee_type, standard_line, measure
        order by count(distinct municipality_code) desc, fiscal_year
    ) = 1
),

-- Growth compares a figure with the base year's in its own scenario where the municipality
-- states it, else with the base year's outcome, budget, plan or forecast, in that order.
with_growth as (
    select
        figures.*,
        min(figures.fiscal_year) over (
            partition by
                figures.municipality_code, figures.reporting_entity, figures.committee_type,
                figures.standard_line, figures.measure
        ) as first_stated_year,
        first_value(figures.amount_tkr) over (
            partition by
                figures.municipality_code, figures.reporting_entity, figures.committee_type,
                figures.standard_line, figures.measure
            order by figures.fiscal_year, {{ scenario_order('figures.scenario') }}
        ) as first_stated_amount_tkr,
        base_years.growth_base_year,
        base.amount_tkr as base_year_amount_tkr,
        base.scenario as growth_base_scenario
    from figures
    inner join base_years
        on
            figures.reporting_entity = base_years.reporting_entity
            and figures.committee_type is not distinct from base_years.committee_type
            and figures.standard_line is not distinct from base_years.standard_line
            and figures.measure = base_years.measure
    left join figures as base
        on
            figures.municipality_code = base.municipality_code
            and figures.reporting_entity = base.reporting_entity
            and figures.committee_type is not distinct from base.committee_type
            and figures.standard_line is not distinct from base.standard_line
            and figures.measure = base.measure
            and base_years.growth_base_year = base.fiscal_year
    qualify row_number() over (
        partition by
            figures.municipality_code, figures.reporting_entity, figures.committee_type,
            figures.standard_line, figures.measure, figures.fiscal_year, figures.scenario
        order by (base.scenario = figures.scenario) desc nulls last, {{ scenario_order('base.scenario') }}
    ) = 1
),

per_capita as (
    select
        with_growth.*,
        year_population.population,
        year_population.population_date,
        year_population.population_source,
        {{ per_capita_sek('with_growth.amount_tkr', 'year_population.population') }} as amount_per_capita_sek,
        peer_groups.group_code as peer_group_code,
        peer_groups.group_name as peer_group_name
    from with_growth
    left join year_population
        on
            with_growth.municipality_code = year_population.municipality_code
            and with_growth.fiscal_year = year_population.fiscal_year
    left join peer_groups on with_growth.municipality_code = peer_groups.municipality_code
),

-- The median per inhabitant of a group's municipalities in the warehouse, per reporting
-- entity, committee type or standard line, measure, year and scenario (a budget is compared
-- with budgets, a plan with plans).
peer_medians as (
    select
        peer_group_code,
        reporting_entity,
        committee_type,
        standard_line,
        measure,
        fiscal_year,
        scenario,
        -- DuckDB's median of a decimal(18, 2) truncates the mean of the middle two; at four
        -- decimals it is exact, and the cast rounds it to öre (3 685,725 is 3 685,73).
        cast(median(cast(amount_per_capita_sek as decimal(18, 4))) as decimal(18, 2))
            as peer_group_median_per_capita_sek,
        count(amount_per_capita_sek) as peer_group_count
    from per_capita
    where peer_group_code is not null
    group by all
),

final as (
    select
        per_capita.municipality_code,
        municipalities.municipality_name,
        per_capita.committee_type,
        cast(per_capita.fiscal_year as integer) as fiscal_year,
        per_capita.measure,
        cast(per_capita.amount_tkr as decimal(18, 3)) as amount_tkr,
        per_capita.scenario,
        cast(per_capita.population as integer) as population,
        cast(per_capita.population_date as date) as population_date,
        per_capita.amount_per_capita_sek,
        cast(per_capita.first_stated_year as integer) as first_stated_year,
        {{ growth('per_capita.amount_tkr', 'per_capita.first_stated_amount_tkr') }} as growth_since_first_year,
        coalesce(
            notes.note,
            case
                when per_capita.standard_line is not null
                    then
                        'A line of the ' || per_capita.statement
                        || ', whose content the law prescribes (LKBR); not reviewed against the document.'
                else 'Not reviewed: what this figure covers has not been checked against the document.'
            end
        )
        || ' Stated by ' || per_capita.stated_by || '. Scenario: ' || per_capita.scenario || '.'
        || case
            when per_capita.population is null
                then
                    ' No population for this municipality in seeds/population.csv,'
                    || ' so there is no per-inhabitant figure.'
            else
                ' Per inhabitant on the population of ' || cast(per_capita.population_date as varchar)
                || ' (' || per_capita.population_source || ')'
                || case
                    when year(per_capita.population_date) <> per_capita.fiscal_year
                        then ', the nearest year seeds/population.csv has.'
                    else '.'
                end
        end as comparability,
        per_capita.stated_by,
        per_capita.peer_group_code,
        per_capita.peer_group_name,
        peer_medians.peer_group_median_per_capita_sek,
        cast(peer_medians.peer_group_count as integer) as peer_group_count,
        coalesce(notes.comparability_code, 'not_reviewed') as comparability_code,
        cast(per_capita.growth_base_year as integer) as growth_base_year,
        {{ growth('per_capita.amount_tkr', 'per_capita.base_year_amount_tkr') }} as growth_since_base_year,
        per_capita.reporting_entity,
        per_capita.standard_line,
        per_capita.standard_line_name,
        per_capita.statement,
        per_capita.figure_source,
        cast(per_capita.amount_per_capita_sek - peer_medians.peer_group_median_per_capita_sek as decimal(18, 2))
            as difference_from_peer_median_per_capita_sek,
        per_capita.growth_base_scenario,
        per_capita.standard_line_order
    from per_capita
    inner join municipalities on per_capita.municipality_code = municipalities.municipality_code
    left join peer_medians
        on
            per_capita.peer_group_code = peer_medians.peer_group_code
            and per_capita.reporting_entity = peer_medians.reporting_entity
            and per_capita.committee_type is not distinct from peer_medians.committee_type
            and per_capita.standard_line is not distinct from peer_medians.standard_line
            and per_capita.measure = peer_medians.measure
            and per_capita.fiscal_year = peer_medians.fiscal_year
            and per_capita.scenario = peer_medians.scenario
    left join notes
        on
            per_capita.municipality_code = notes.municipality_code
            and per_capita.committee_type = notes.committee_type
            and per_capita.measure = notes.measure
)

select * from final
