{#- A balance sheet balances: Summa tillgångar and Summa eget kapital, avsättningar och skulder
    print the same figure, per column (seeds/line_kind_patterns.csv names the two lines).
    Checked as cross_table: one figure stated in two places. -#}
with

sides as (
    select * from {{ ref('int_budget_amounts__read') }}
    where breakdown_role in ('assets', 'equity_and_liabilities')
),

checked as (
    select
        assets.*,
        claims.amount_tkr as computed_tkr,
        claims.row_id as claims_row_id,
        claims.line_label as claims_label,
        claims.source_line as claims_line,
        assets.rounding_tkr + claims.rounding_tkr as tolerance_tkr
    from sides as assets
    inner join sides as claims
        on
            assets.table_id = claims.table_id
            and assets.column_index = claims.column_index
            and assets.breakdown_role = 'assets'
            and claims.breakdown_role = 'equity_and_liabilities'
),

final as (
    select
        'cross_table' as check_type,
        {{ check_figures() }},
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
        || ': the balance sheet prints assets of ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }}
        || ' against ' || {{ fmt_amount('computed_tkr', 'unit_as_read') }} || ' in ''' || claims_label
        || ''' (line ' || claims_line || ')'
        || case
            when {{ within_rounding('amount_tkr', 'computed_tkr', 'tolerance_tkr') }} then ': it balances.'
            else
                ': they differ by ' || {{ fmt_amount('amount_tkr - computed_tkr', 'unit_as_read') }}
                || ', more than rounding explains (' || {{ fmt_amount('tolerance_tkr', 'unit_as_read') }} || ').'
        end as explanation,
        claims_row_id as other_place_id,
        'balance|' || cell_id as place_id
    from checked
)

select * from final
