{#- Municipalities side by side. One row per municipality, reporting entity, committee type or
    standard line, measure, fiscal year and scenario:
    - committee rows (committee_type, measure net_cost or net_investment): a committee's own
      documents (int_committee_statements, one statement per committee and year), and for the
      committees, years and scenarios those do not state, the municipality's table of committees
      (int_committee_table_figures: driftredovisning, driftbudget). A statement that a committee
      document makes from such a table is not that committee's: the table states each of its
      committees. Amounts stated only in running text (Norrköping) take part;
    - standard-line rows (standard_line, measure `line_amount`): the resultaträkning and
      balansräkning lines every municipality prints by law (int_standard_line_figures), sign
      as printed.
    Each with the population of its year, SEK per inhabitant, the median of the municipality's
    peer group (SKR kommungrupp) in the warehouse and the difference from it, the growth against
    the first year the municipality states and against one base year shared by the measure, and
    what the figure covers (seeds/comparability_notes.csv, reviewed per municipality; a figure
    nobody has reviewed says so). The kommun only, unless `comparison_reporting_entities` asks for
    koncern too. -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where states_the_year
),

committee_table_figures as (
    select * from {{ ref('int_committee_table_figures') }}
),

standard_line_figures as (
    select * from {{ ref('int_standard_line_figures') }}
),

committee_tables as (
    select distinct table_id from {{ ref('int_comparison_lines__mapped') }}
    where is_committee_table
),

committees as (
    select * from {{ ref('int_committees') }}
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

committee_statements as (
    select * from statements
    where place_id not in (select table_id from committee_tables)
),

reference as (
    {{ one_statement_per_committee_year('committee_statements') }}
),

committee_documents as (
    select
        reference.municipality_code,
        'kommun' as reporting_entity,
        committees.committee_type,
        cast(null as varchar) as standard_line,
        reference.measure,
        reference.fiscal_year,
        sum(reference.amount_tkr) as amount_tkr,
        string_agg(distinct reference.scenario, ', ') as scenario,
        string_agg(reference.committee_name || ' (' || reference.source_kind || ', '
            || reference.table_title || ')', '; ') as stated_by,
        'committee_document' as figure_source
    from reference
    inner join committees
        on reference.municipality_code = committees.municipality_code
        and reference.committee_name = committees.committee_name
    group by all
),

committee_tables_not_in_documents as (
    select
        tables.municipality_code,
        tables.reporting_entity,
        tables.committee_type,
        cast(null as varchar) as standard_line,
        tables.measure,
        tables.fiscal_year,
        tables.amount_tkr,
        tables.scenario,
        tables.stated_by || ' in ' || tables.source_file || ', ' || coalesce(tables.table_title, 'a table')
            as stated_by,
        'committee_table' as figure_source
    from committee_table_figures as tables
    anti join committee_documents as documents
        on tables.municipality_code = documents.municipality_code
        and tables.reporting_entity = documents.reporting_entity
        and tables.committee_type = documents.committee_type
        and tables.measure = documents.measure
        and tables.fiscal_year = documents.fiscal_year
        and tables.scenario = documents.scenario
),

standard_lines as (
    select
        municipality_code,
        reporting_entity,
        cast(null as varchar) as committee_type,
        standard_line,
        'line_amount' as measure,
        fiscal_year,
        amount_tkr,
        scenario,
        line_label || ' (line ' || coalesce(cast(source_line as varchar), '?') || ', ' || column_header || ': '
        || value_as_printed || ' ' || unit_as_printed || ') in ' || source_file || ', ' || table_title
        || case when statement_count > 1 then ' (stated in ' || statement_count || ' places; the newest document speaks)' else '' end
            as stated_by,
        'statement' as figure_source
    from standard_line_figures
),

by_type as (
    select * from committee_documents
    union all
    select * from committee_tables_not_in_documents
    union all
    select * from standard_lines
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
    from (select distinct municipality_code, fiscal_year from by_type) as years
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
    from by_type
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
        by_type.*,
        min(by_type.fiscal_year) over (
            partition by by_type.municipality_code, by_type.reporting_entity, by_type.committee_type,
            by_type.standard_line, by_type.measure
        ) as first_stated_year,
        first_value(by_type.amount_tkr) over (
            partition by by_type.municipality_code, by_type.reporting_entity, by_type.committee_type,
            by_type.standard_line, by_type.measure
            order by by_type.fiscal_year, {{ scenario_order('by_type.scenario') }}
        ) as first_stated_amount_tkr,
        base_years.growth_base_year,
        base.amount_tkr as base_year_amount_tkr,
        base.scenario as growth_base_scenario
    from by_type
    inner join base_years
        on by_type.reporting_entity = base_years.reporting_entity
        and by_type.committee_type is not distinct from base_years.committee_type
        and by_type.standard_line is not distinct from base_years.standard_line
        and by_type.measure = base_years.measure
    left join by_type as base
        on by_type.municipality_code = base.municipality_code
        and by_type.reporting_entity = base.reporting_entity
        and by_type.committee_type is not distinct from base.committee_type
        and by_type.standard_line is not distinct from base.standard_line
        and by_type.measure = base.measure
        and base_years.growth_base_year = base.fiscal_year
    qualify row_number() over (
        partition by by_type.municipality_code, by_type.reporting_entity, by_type.committee_type,
        by_type.standard_line, by_type.measure, by_type.fiscal_year, by_type.scenario
        order by (base.scenario = by_type.scenario) desc nulls last, {{ scenario_order('base.scenario') }}
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
        on with_growth.municipality_code = year_population.municipality_code
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

standard_line_names as (
    select * from {{ ref('standard_lines') }}
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
                    then 'A line of the ' || standard_line_names.statement
                        || ', whose content the law prescribes (LKBR); not reviewed against the document.'
                else 'Not reviewed: what this figure covers has not been checked against the document.'
            end
        )
        || ' Stated by ' || per_capita.stated_by || '. Scenario: ' || per_capita.scenario || '.'
        || case
            when per_capita.population is null
                then ' No population for this municipality in seeds/population.csv, so there is no per-inhabitant figure.'
            else ' Per inhabitant on the population of ' || cast(per_capita.population_date as varchar)
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
        standard_line_names.standard_line_name,
        standard_line_names.statement,
        per_capita.figure_source,
        cast(per_capita.amount_per_capita_sek - peer_medians.peer_group_median_per_capita_sek as decimal(18, 2))
            as difference_from_peer_median_per_capita_sek,
        per_capita.growth_base_scenario
    from per_capita
    inner join municipalities on per_capita.municipality_code = municipalities.municipality_code
    left join standard_line_names on per_capita.standard_line = standard_line_names.standard_line
    left join peer_medians
        on per_capita.peer_group_code = peer_medians.peer_group_code
        and per_capita.reporting_entity = peer_medians.reporting_entity
        and per_capita.committee_type is not distinct from peer_medians.committee_type
        and per_capita.standard_line is not distinct from peer_medians.standard_line
        and per_capita.measure = peer_medians.measure
        and per_capita.fiscal_year = peer_medians.fiscal_year
        and per_capita.scenario = peer_medians.scenario
    left join notes
        on per_capita.municipality_code = notes.municipality_code
        and per_capita.committee_type = notes.committee_type
        and per_capita.measure = notes.measure
)

select * from final
