{#- A line's columns against each other, within one year, reporting entity and period:

    - a net column against the income and cost columns beside it (intäkter − kostnader = netto,
      as net income or as net cost); where the net is a Resultat, the allocation counts too
      (nämndbidrag + intäkter − kostnader = resultat); a line that also prints other amounts for
      the same year (Helsingborg's Disposition av resultat) is not checked, since the warehouse
      cannot tell whether they enter the net;
    - a deviation column against the outcome (or forecast) and the budget it compares
      (avvikelse = utfall − budget, or budget − utfall where costs are printed positive): the
      net or year's amount against its budget, else the costs against the budgeted costs.

    Checked as net_equals_costs_minus_income and sum_of_items. -#}
with

cells as (
    select * from {{ ref('int_budget_amounts__read') }}
    where amount_kind in ('income', 'cost', 'net', 'allocation', 'deviation', 'amount')
),

-- lines with amounts of another kind in the year: what enters their net is not known
lines_with_other_amounts as (
    select distinct row_id, fiscal_year, reporting_entity, period_kind
    from {{ ref('int_budget_amounts__read') }}
    where amount_kind = 'other'
),

net_parts as (
    select
        net.cell_id,
        sum(case when part.amount_kind = 'income' and part.scenario = net.scenario then part.amount_tkr end)
            as income_tkr,
        sum(case when part.amount_kind = 'cost' and part.scenario = net.scenario then part.amount_tkr end)
            as cost_tkr,
        sum(case when part.amount_kind = 'allocation' then part.amount_tkr end) as allocation_tkr,
        sum(case when part.amount_kind = 'allocation' then part.rounding_tkr end) as allocation_rounding_tkr,
        count(case when part.amount_kind = 'income' and part.scenario = net.scenario then 1 end) as n_income,
        count(case when part.amount_kind = 'cost' and part.scenario = net.scenario then 1 end) as n_cost,
        sum(
            case when part.amount_kind in ('income', 'cost') and part.scenario = net.scenario then part.rounding_tkr end
        )
            as income_and_cost_rounding_tkr
    from cells as net
    inner join cells as part
        on
            net.row_id = part.row_id
            and net.fiscal_year = part.fiscal_year
            and net.reporting_entity = part.reporting_entity
            and net.period_kind = part.period_kind
            and part.amount_kind in ('income', 'cost', 'allocation')
    where
        net.amount_kind = 'net'
        and not exists (
            select 1
            from lines_with_other_amounts as other
            where
                other.row_id = net.row_id
                and other.fiscal_year = net.fiscal_year
                and other.reporting_entity = net.reporting_entity
                and other.period_kind = net.period_kind
        )
    group by net.cell_id
    having
        count(case when part.amount_kind = 'income' and part.scenario = net.scenario then 1 end) = 1
        and count(case when part.amount_kind = 'cost' and part.scenario = net.scenario then 1 end) = 1
),

nets as (
    select
        net.*,
        -- income minus costs, whichever sign the document gives costs; a Resultat adds the allocation
        lower(net.column_header) like '%resultat%' as adds_allocation,
        abs(parts.income_tkr) - abs(parts.cost_tkr)
        + case when adds_allocation then coalesce(parts.allocation_tkr, 0) else 0 end as income_minus_costs_tkr,
        parts.income_and_cost_rounding_tkr
        + case when adds_allocation then coalesce(parts.allocation_rounding_tkr, 0) else 0 end as tolerance_tkr
    from cells as net
    inner join net_parts as parts on net.cell_id = parts.cell_id
),

net_checks as (
    select
        'net_equals_costs_minus_income' as check_type,
        nets.*,
        -- a net cost prints costs minus income: the sign that fits is the one the document uses
        case
            when
                abs(nets.amount_tkr - nets.income_minus_costs_tkr) <= abs(nets.amount_tkr + nets.income_minus_costs_tkr)
                then nets.income_minus_costs_tkr
            else -nets.income_minus_costs_tkr
        end as computed_tkr,
        'the income and cost columns beside it' as compared_with
    from nets
),

deviation_pairs as (
    select
        dev.cell_id,
        outcome.amount_tkr as outcome_tkr,
        budget.amount_tkr as budget_tkr,
        outcome.rounding_tkr + budget.rounding_tkr as tolerance_tkr,
        outcome.column_header || ' and ' || budget.column_header as compared_with
    from cells as dev
    inner join cells as outcome
        on
            dev.row_id = outcome.row_id
            and dev.fiscal_year = outcome.fiscal_year
            and dev.reporting_entity = outcome.reporting_entity
            and dev.period_kind = outcome.period_kind
            and dev.scenario = outcome.scenario
            and outcome.amount_kind in ('net', 'amount', 'cost')
    inner join cells as budget
        on
            dev.row_id = budget.row_id
            and dev.fiscal_year = budget.fiscal_year
            and dev.reporting_entity = budget.reporting_entity
            and dev.period_kind = budget.period_kind
            and budget.scenario = 'budget'
            and budget.amount_kind in ('net', 'amount', 'allocation', 'cost')
    where
        dev.amount_kind = 'deviation'
        and (outcome.amount_kind = 'cost') = (budget.amount_kind = 'cost')
    qualify row_number() over (
        partition by dev.cell_id
        order by
            outcome.amount_kind = 'cost',
            outcome.amount_kind <> budget.amount_kind,
            budget.column_index
    ) = 1
),

deviation_checks as (
    select
        'sum_of_items' as check_type,
        dev.* exclude (rounding_tkr),  -- noqa: RF02
        pairs.tolerance_tkr,
        -- the outcome against the budget, in the direction the document counts a deviation
        case
            when
                abs(dev.amount_tkr - (pairs.outcome_tkr - pairs.budget_tkr))
                <= abs(dev.amount_tkr - (pairs.budget_tkr - pairs.outcome_tkr))
                then pairs.outcome_tkr - pairs.budget_tkr
            else pairs.budget_tkr - pairs.outcome_tkr
        end as computed_tkr,
        pairs.compared_with
    from cells as dev
    inner join deviation_pairs as pairs on dev.cell_id = pairs.cell_id
),

checked as (
    select * exclude (income_minus_costs_tkr, adds_allocation, rounding_tkr) from net_checks
    union all by name
    select * from deviation_checks
),

final as (
    select
        check_type,
        {{ check_figures() }},
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
        || ': prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }} || '; ' || compared_with
        || ' give ' || {{ fmt_amount('computed_tkr', 'unit_as_read') }}
        || {{ fmt_outcome('amount_tkr', 'computed_tkr', 'tolerance_tkr', 'unit_as_read') }} as explanation,
        cast(null as varchar) as other_place_id,
        'columns|' || cell_id as place_id
    from checked
)

select * from final
