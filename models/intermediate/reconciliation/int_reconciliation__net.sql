{#- Where a line prints its net with "varav kostnader" and "varav intäkter" below it:
    net = costs − income, column by column (a year printed as budget and as outcome is two
    checks). Income is printed positive in some tables (52,1) and negative in others (-3 971); it
    is subtracted by its size either way. -#}
with

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
),

trios as (
    select
        nets.row_id as net_row_id,
        incomes.row_id as income_row_id,
        costs.row_id as cost_row_id
    from lines as nets
    inner join lines as incomes
        on nets.row_id = incomes.of_which_parent_row_id and incomes.breakdown_role = 'income'
    inner join lines as costs  -- noqa: RF04
        on nets.row_id = costs.of_which_parent_row_id and costs.breakdown_role = 'cost'
),

checked as (
    select
        net.document_id,
        net.table_title,
        net.line_label,
        net.fiscal_year,
        net.scenario,
        net.column_index,
        net.column_header,
        net.amount_kind,
        net.reporting_entity,
        net.period_kind,
        net.unit_as_read,
        net.source_line,
        net.row_id,
        net.cell_id as net_cell_id,
        net.cell_id || '|' || cost.row_id || '|' || income.row_id as place_id,
        net.amount_tkr as reported_tkr,
        cost.amount_tkr as cost_tkr,
        income.amount_tkr as income_tkr,
        cost.amount_tkr - abs(income.amount_tkr) as computed_tkr,
        cost.rounding_tkr + income.rounding_tkr as tolerance_tkr
    from trios
    inner join amounts as net on trios.net_row_id = net.row_id
    inner join amounts as cost  -- noqa: RF04
        on trios.cost_row_id = cost.row_id and net.column_index = cost.column_index
    inner join amounts as income on trios.income_row_id = income.row_id and net.column_index = income.column_index
),

final as (
    select
        'net_equals_costs_minus_income' as check_type,
        document_id,
        table_title,
        line_label,
        fiscal_year,
        scenario,
        reported_tkr,
        computed_tkr,
        reported_tkr - computed_tkr as difference_tkr,
        tolerance_tkr,
        {{ check_status('reported_tkr', 'computed_tkr', 'tolerance_tkr') }} as status,
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }} || ': net '
        || {{ fmt_amount('reported_tkr', 'unit_as_read') }} || ', costs '
        || {{ fmt_amount('cost_tkr', 'unit_as_read') }} || ' minus income '
        || {{ fmt_amount('abs(income_tkr)', 'unit_as_read') }} || ' is '
        || {{ fmt_amount('computed_tkr', 'unit_as_read') }}
        || case
            when {{ within_rounding('reported_tkr', 'computed_tkr', 'tolerance_tkr') }} then '.'
            else
                ': a difference of ' || {{ fmt_amount('reported_tkr - computed_tkr', 'unit_as_read') }}
                || ' where rounding explains at most ' || {{ fmt_amount('tolerance_tkr', 'unit_as_read') }} || '.'
        end as explanation,
        row_id,
        column_index,
        cast(null as varchar) as other_place_id,
        source_line,
        place_id,
        net_cell_id as checked_cell_id
    from checked
)

select * from final
