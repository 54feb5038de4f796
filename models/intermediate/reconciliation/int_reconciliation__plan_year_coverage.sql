{#- Each committee's plan period 2024–2029: is its net cost stated for every year? A year no
    document states is listed (warn: a gap in what the documents cover, not an arithmetic fault). -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where measure = 'net_cost'
),

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

committees as (
    select
        municipality_code,
        committee_name,
        arg_max(document_id, base_year) as document_id,
        min(base_year) as first_base_year
    from documents
    group by municipality_code, committee_name
),

years as (
    select unnest(range({{ var('plan_period_start') }}, {{ var('plan_period_end') }} + 1)) as fiscal_year
),

coverage as (
    select
        committees.municipality_code,
        committees.committee_name,
        committees.document_id,
        years.fiscal_year,
        count(statements.statement_id) as statement_count
    from committees
    cross join years
    left join statements
        on
            committees.municipality_code = statements.municipality_code
            and committees.committee_name = statements.committee_name
            and years.fiscal_year = statements.fiscal_year
    group by all
),

gaps as (
    select
        municipality_code,
        committee_name,
        string_agg(case when statement_count = 0 then cast(fiscal_year as varchar) end, ', ' order by fiscal_year)
            as missing_years
    from coverage
    group by municipality_code, committee_name
),

final as (
    select
        'plan_year_coverage' as check_type,
        coverage.document_id,
        'plan period {{ var("plan_period_start") }}–{{ var("plan_period_end") }}' as table_title,
        'net cost of ' || coverage.committee_name as line_label,
        coverage.fiscal_year,
        {{ scenario_of_year('coverage.fiscal_year', var('plan_period_start')) }} as scenario,
        cast(null as decimal(18, 3)) as reported_tkr,
        cast(null as decimal(18, 3)) as computed_tkr,
        cast(null as decimal(18, 3)) as difference_tkr,
        cast(0 as decimal(18, 3)) as tolerance_tkr,
        case when coverage.statement_count > 0 then 'pass' else 'warn' end as status,
        coverage.committee_name || ' (' || coverage.municipality_code || '), ' || coverage.fiscal_year || ': '
        || case
            when coverage.statement_count > 0
                then 'net cost stated in ' || coverage.statement_count || ' place(s).'
            else 'no document states the net cost for this year'
        end
        || case
            when gaps.missing_years is not null
                then ' Years of the plan period without a statement: ' || gaps.missing_years || '.'
            else ''
        end as explanation,
        cast(null as varchar) as row_id,
        cast(null as varchar) as other_place_id,
        cast(null as integer) as source_line,
        coverage.municipality_code || '|' || coverage.committee_name as place_id
    from coverage
    inner join gaps
        on coverage.municipality_code = gaps.municipality_code and coverage.committee_name = gaps.committee_name
)

select * from final
