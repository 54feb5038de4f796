-- A finding about documents, not an invariant of the warehouse: warn (listed in the build summary).
{{ config(severity='warn') }}
-- Every total line of every table, for every year it prints a value, has a check row:
-- sum_of_items for a Summa line or the line a breakdown specifies, net_equals_costs_minus_income
-- for a net line with its varav costs and income. Returns the totals that lack one.
with

totals as (
    select distinct amounts.row_id, amounts.fiscal_year, amounts.table_title, amounts.line_label
    from {{ ref('int_budget_amounts__read') }} as amounts
    where amounts.line_kind = 'total'
),

checks as (
    select distinct row_id, fiscal_year
    from {{ ref('fct_reconciliation_checks') }}
    where check_type in ('sum_of_items', 'net_equals_costs_minus_income')
)

select totals.*
from totals
left join checks on totals.row_id = checks.row_id and totals.fiscal_year = checks.fiscal_year
where checks.row_id is null
