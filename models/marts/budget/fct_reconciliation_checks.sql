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

check_types as (
    select * from {{ ref('check_types') }}
),

identified as (
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
        cast(checks.source_line as integer) as source_line,
        check_types.finding_precedence
    from checks
    inner join documents on checks.document_id = documents.document_id
    inner join check_types on checks.check_type = check_types.check_type
),

-- One discrepancy, one finding: failing checks of the same line, year, scenario and difference
-- caught the same thing; the check type that comes first (seed check_types) counts it.
findings as (
    select
        *,
        first_value(check_id) over (
            partition by document_id, row_id, fiscal_year, scenario, difference_tkr
            order by finding_precedence, check_id
        ) as finding_check_id
    from identified
    where status = 'fail' and row_id is not null and difference_tkr is not null
),

final as (
    select
        identified.check_id,
        identified.check_type,
        identified.municipality_code,
        identified.committee_name,
        identified.document_id,
        identified.table_title,
        identified.line_label,
        identified.fiscal_year,
        identified.scenario,
        identified.reported_tkr,
        identified.computed_tkr,
        identified.difference_tkr,
        identified.tolerance_tkr,
        case when findings.finding_check_id <> identified.check_id then 'warn' else identified.status end
            as status,
        case
            when findings.finding_check_id <> identified.check_id
                then
                    'The same discrepancy as check ' || findings.finding_check_id
                    || ' (' || counted.check_type || '), which counts it: ' || identified.explanation
            else identified.explanation
        end as explanation,
        identified.row_id,
        identified.other_place_id,
        identified.source_file,
        identified.source_line,
        case when findings.finding_check_id <> identified.check_id then findings.finding_check_id end
            as same_finding_as
    from identified
    left join findings on identified.check_id = findings.check_id
    left join identified as counted on findings.finding_check_id = counted.check_id
)

select * from final
