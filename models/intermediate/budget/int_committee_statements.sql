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
    where document_id in (select documents.document_id from documents) and {{ is_year_amount() }}
),

table_statements as (
    {{ table_statements('amounts', 'amount_tkr', 'rounding_tkr') }}
),

matches as (
    select * from {{ ref('int_budget_tables__detail_matches') }}
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
        null as source_line,
        null as cell_id
    from matches
    inner join amounts on matches.detail_total_row_id = amounts.row_id
    group by matches.document_id, matches.operating_table_id, amounts.fiscal_year, matches.unit_line_count
    -- only when every unit line of the operating summary has its detail table
    having count(*) = matches.unit_line_count
),

source_kinds as (
    select * from {{ ref('source_kinds') }}
),

narratives as (
    select * from {{ ref('int_narrative_amounts__read') }}
    -- a year's own figure: not a total over a period (för perioden 2024–2026), a part of the year
    -- or the koncern's, which a committee's statement of its year is never compared with
    where
        measure is not null and fiscal_year is not null and amount_kind = 'amount'
        and period_kind = 'year' and reporting_entity = 'kommun'
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
        narratives.source_line,
        null as cell_id
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
        {{ surrogate_key([
            'unioned.document_id', 'unioned.measure', 'unioned.source_kind', 'unioned.table_id', 'unioned.fiscal_year'
        ]) }}
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
        -- which statement is reported when several state the figure (seeds/source_kinds.csv)
        source_kinds.source_rank,
        -- a budget frame is not a statement of an outcome year: an outcome differs from its frame
        -- by the year's result, so a frame speaks only for budget and plan years
        not (unioned.source_kind = 'budget_frame' and unioned.scenario not in ('budget', 'plan'))  -- noqa: LT01, LT06
            as states_the_year,
        documents.landed_at as document_landed_at
    from unioned
    inner join documents on unioned.document_id = documents.document_id
    left join source_kinds on unioned.source_kind = source_kinds.source_kind
)

select * from final
