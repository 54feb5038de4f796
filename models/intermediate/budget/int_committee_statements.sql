{#- Every place a document states a committee's net cost or net investment, per year:
    a summary table's line(s), the operating summary's total, the sum of the detail tables, a
    compensation or investment table's total, and a budget frame stated in a sentence.
    Incremental by document (macros/incremental.sql). -#}
{{ config(**incremental_by_document()) }}

with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active and {{ documents_to_build() }}
),

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
    where document_id in (select document_id from documents) and {{ is_year_amount() }}
),

table_statements as (
    {{ table_statements('amounts', 'amount_tkr', 'rounding_tkr') }}
),

matches as (
    select * from {{ ref('int_budget_tables__detail_matches') }}
),

unit_line_counts as (
    select
        lines.table_id,
        count(*) as n_unit_lines
    from {{ ref('int_budget_lines__classified') }} as lines
    where lines.table_id in (select operating_table_id from matches) and lines.line_kind = 'item'
    group by lines.table_id
),

detail_sums as (
    select
        matches.document_id,
        'net_cost' as measure,
        'detail_sum' as source_kind,
        matches.operating_table_id as table_id,
        'detail tables (' || count(*) || ')' as table_title,
        amounts.fiscal_year,
        any_value(amounts.scenario) as scenario,
        sum(amounts.amount_tkr) as amount_tkr,
        sum(amounts.rounding_tkr) as rounding_tkr,
        count(*) as line_count,
        max(amounts.decimals) as max_decimals,
        'tkr' as unit_as_printed,
        string_agg(matches.detail_total_label, ' + ' order by amounts.table_no) as line_label,
        null as row_id,
        null as source_line
    from matches
    inner join amounts on matches.detail_total_row_id = amounts.row_id
    inner join unit_line_counts on matches.operating_table_id = unit_line_counts.table_id
    group by matches.document_id, matches.operating_table_id, amounts.fiscal_year, unit_line_counts.n_unit_lines
    -- only when every unit line of the operating summary has its detail table
    having count(*) = unit_line_counts.n_unit_lines
),

narrative_patterns as (
    select * from {{ ref('narrative_measures') }}
),

narratives as (
    select
        narratives.document_id,
        narrative_patterns.measure,
        narrative_patterns.source_kind,
        narratives.narrative_id,
        narratives.context_label,
        narratives.value_as_printed,
        narratives.amount_tkr,
        narratives.rounding_tkr,
        narratives.fiscal_year,
        narratives.year_is_inferred,
        narratives.decimals,
        narratives.unit,
        narratives.scenario,
        narratives.source_line
    from {{ ref('stg_budget_documents__narrative_amounts') }} as narratives
    inner join narrative_patterns
        on regexp_matches(lower(narratives.context_label), narrative_patterns.context_pattern)
    where narratives.fiscal_year is not null and narratives.amount_kind = 'amount'
    qualify row_number() over (partition by narratives.narrative_id order by narrative_patterns.priority) = 1
),

narrative_statements as (
    select
        narratives.document_id,
        narratives.measure,
        narratives.source_kind,
        narratives.narrative_id as table_id,
        'narrative' as table_title,
        narratives.fiscal_year,
        narratives.scenario,
        narratives.amount_tkr,
        narratives.rounding_tkr,
        1 as line_count,
        narratives.decimals as max_decimals,
        narratives.unit as unit_as_printed,
        narratives.context_label || ' ' || narratives.value_as_printed as line_label,
        narratives.narrative_id as row_id,
        narratives.source_line
    from narratives
    inner join documents on narratives.document_id = documents.document_id
),

unioned as (
    select * from table_statements
    union all
    select * from detail_sums
    union all
    select * from narrative_statements
),

final as (
    select
        {{ surrogate_key(['unioned.document_id', 'unioned.measure', 'unioned.source_kind', 'unioned.table_id', 'unioned.fiscal_year']) }}
            as statement_id,
        unioned.document_id,
        documents.source_file,
        documents.municipality_code,
        documents.committee_name,
        documents.issuing_unit,
        documents.base_year,
        unioned.measure,
        unioned.source_kind,
        unioned.table_id as place_id,
        unioned.table_title,
        unioned.line_label,
        unioned.fiscal_year,
        unioned.scenario,
        cast(unioned.amount_tkr as decimal(18, 3)) as amount_tkr,
        cast(unioned.rounding_tkr as decimal(18, 3)) as rounding_tkr,
        unioned.line_count,
        unioned.row_id,
        unioned.source_line,
        -- which statement a plan period reports when several agree: the operating summary's total
        -- first, then other totals, the summary line, the detail sum, and a sentence last
        case unioned.source_kind
            when 'operating_total' then 1
            when 'compensation_total' then 2
            when 'investment_total' then 2
            when 'summary' then 3
            when 'detail_sum' then 4
            when 'budget_frame' then 5
            else 6
        end as source_rank,
        -- a budget frame is not a statement of an outcome year: an outcome differs from its frame
        -- by the year's result, so a frame speaks only for budget and plan years
        not (unioned.source_kind = 'budget_frame' and unioned.scenario not in ('budget', 'plan'))
            as states_the_year,
        documents.landed_at as document_landed_at
    from unioned
    inner join documents on unioned.document_id = documents.document_id
)

select * from final
