with

checks as (
    select * from {{ ref('int_reconciliation__sum_of_items') }}
    union all by name
    select * from {{ ref('int_reconciliation__unchecked_totals') }}
    union all by name
    select * from {{ ref('int_reconciliation__net') }}
    union all by name
    select * from {{ ref('int_reconciliation__columns') }}
    union all by name
    select * from {{ ref('int_reconciliation__running_totals') }}
    union all by name
    select * from {{ ref('int_reconciliation__balance_sheet') }}
    union all by name
    select * from {{ ref('int_reconciliation__cross_table') }}
    union all by name
    select * from {{ ref('int_reconciliation__unit_consistency') }}
    union all by name
    select * from {{ ref('int_reconciliation__plan_year_coverage') }}
),

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
),

final as (
    select
        -- place_id is what each check model knows distinguishes its checks (the checked cell, the
        -- statement, both cells compared): a year printed twice, a label printed twice in one
        -- table or two tables of the same title still get one id each, the same for the same input.
        {{ surrogate_key(['checks.check_type', 'checks.document_id', 'checks.place_id', 'checks.row_id',
                          'checks.line_label', 'checks.other_place_id', 'checks.fiscal_year',
                          'checks.scenario']) }} as check_id,
        checks.check_type,
        documents.municipality_code,
        documents.committee_name,
        checks.document_id,
        checks.table_title,
        checks.line_label,
        cast(checks.fiscal_year as integer) as fiscal_year,
        checks.scenario,
        cast(checks.reported_tkr as decimal(18, 3)) as reported_tkr,
        cast(checks.computed_tkr as decimal(18, 3)) as computed_tkr,
        cast(checks.difference_tkr as decimal(18, 3)) as difference_tkr,
        cast(checks.tolerance_tkr as decimal(18, 3)) as tolerance_tkr,
        checks.status,
        checks.explanation,
        checks.row_id,
        checks.other_place_id,
        documents.source_file,
        cast(checks.source_line as integer) as source_line
    from checks
    inner join documents on checks.document_id = documents.document_id
)

select * from final
