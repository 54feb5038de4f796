{#- Each committee type's net cost and net investment per municipality and fiscal year as the
    committees' own documents state them: of the places a committee's documents state a year
    (int_committee_statements), the one that speaks for it (one_statement_per_committee_year, as
    in rpt_plan_period), the committees of one type added up. Amounts stated only in running
    text (Norrköping) take part.

    A statement that a committee document makes from a table of committees
    (int_comparison_lines__mapped: a driftredovisning, driftbudget) is not that committee's own:
    the table states each of its committees, and int_committee_table_figures reads it. A
    committee's documents speak for the kommun. -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where states_the_year
),

committee_tables as (
    select distinct table_id from {{ ref('int_comparison_lines__mapped') }}
    where is_committee_table
),

committees as (
    select * from {{ ref('int_committees') }}
),

own_statements as (
    select * from statements
    where place_id not in (select committee_tables.table_id from committee_tables)
),

reference as (
    {{ one_statement_per_committee_year('own_statements') }}
),

final as (
    select
        reference.municipality_code,
        'kommun' as reporting_entity,
        committees.committee_type,
        reference.measure,
        cast(reference.fiscal_year as integer) as fiscal_year,
        string_agg(distinct reference.scenario, ', ') as scenario,
        cast(sum(reference.amount_tkr) as decimal(18, 3)) as amount_tkr,
        cast(count(*) as integer) as committee_count,
        string_agg(
            reference.committee_name || ' (' || reference.source_kind || ', ' || reference.table_title || ')', '; '
            order by reference.committee_name
        ) as stated_by
    from reference
    inner join committees
        on
            reference.municipality_code = committees.municipality_code
            and reference.committee_name = committees.committee_name
    group by reference.municipality_code, committees.committee_type, reference.measure, reference.fiscal_year
)

select * from final
