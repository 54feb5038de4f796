{#- Per committee, measure and year of the plan period: the figure, how many places state it,
    whether they agree, and whether the year is covered at all. -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where states_the_year
),

committees as (
    select * from {{ ref('int_committees') }}
),

measures as (
    select unnest(['net_cost', 'net_investment']) as measure
),

years as (
    select unnest(range({{ var('plan_period_start') }}, {{ var('plan_period_end') }} + 1)) as fiscal_year
),

spine as (
    select
        committees.municipality_code, committees.committee_name, committees.committee_type, measures.measure,
        years.fiscal_year
    from committees cross join measures cross join years
),

reference as (
    {{ one_statement_per_committee_year('statements') }}
),

compared as (
    select
        statements.municipality_code,
        statements.committee_name,
        statements.measure,
        statements.fiscal_year,
        count(*) as source_count,
        max(abs(statements.amount_tkr - reference.amount_tkr)) as max_disagreement_tkr,
        bool_and(
            {{ within_rounding('statements.amount_tkr', 'reference.amount_tkr',
                'statements.rounding_tkr + reference.rounding_tkr') }}
        ) as sources_agree,
        string_agg(
            statements.source_kind || ': ' || statements.table_title
            || coalesce(' (line ' || statements.source_line || ')', ''),
            '; ' order by statements.source_rank, statements.source_line
        ) as sources
    from statements
    inner join reference
        on
            statements.municipality_code = reference.municipality_code
            and statements.committee_name = reference.committee_name
            and statements.measure = reference.measure
            and statements.fiscal_year = reference.fiscal_year
    group by all
),

final as (
    select
        spine.municipality_code,
        spine.committee_name,
        spine.committee_type,
        spine.measure,
        cast(spine.fiscal_year as integer) as fiscal_year,
        cast(reference.amount_tkr as decimal(18, 3)) as amount_tkr,
        -- a year no place states: the budget of the plan period's first year, a plan after it
        coalesce(reference.scenario, {{ scenario_of_year('spine.fiscal_year', var('plan_period_start')) }})
            as scenario,
        cast(coalesce(compared.source_count, 0) as integer) as source_count,
        -- null where no place states the year: there is nothing to agree or disagree
        compared.sources_agree,
        cast(compared.max_disagreement_tkr as decimal(18, 3)) as max_disagreement_tkr,
        case
            when compared.source_count is null then 'missing'
            when not compared.sources_agree then 'conflict'
            else 'complete'
        end as status,
        reference.source_kind as reported_by,
        reference.document_id,
        compared.sources
    from spine
    left join reference
        on
            spine.municipality_code = reference.municipality_code
            and spine.committee_name = reference.committee_name
            and spine.measure = reference.measure
            and spine.fiscal_year = reference.fiscal_year
    left join compared
        on
            spine.municipality_code = compared.municipality_code
            and spine.committee_name = compared.committee_name
            and spine.measure = compared.measure
            and spine.fiscal_year = compared.fiscal_year
)

select * from final
