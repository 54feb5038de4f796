{#- A figure whose magnitude contradicts its table's stated unit, given the same figure elsewhere:
    warn, with both readings. See int_budget_amounts__unit_evidence for how the warehouse
    decides which reading fct_budget_amounts carries. -#}
with

evidence as (
    select * from {{ ref('int_budget_amounts__unit_evidence') }}
),

amounts as (
    select cell_id, row_id, fiscal_year, scenario, source_line, value_as_printed
    from {{ ref('int_budget_amounts__as_printed') }}
),

final as (
    select
        'unit_consistency' as check_type,
        evidence.document_id,
        evidence.table_title,
        evidence.line_label,
        evidence.fiscal_year,
        evidence.scenario,
        evidence.amount_tkr_as_printed_unit as reported_tkr,
        cast(evidence.amount_tkr_as_printed_unit / 1000 as decimal(18, 3)) as computed_tkr,
        cast(evidence.amount_tkr_as_printed_unit - evidence.amount_tkr_as_printed_unit / 1000 as decimal(18, 3))
            as difference_tkr,
        cast(0 as decimal(18, 3)) as tolerance_tkr,
        'warn' as status,
        {{ fmt_place('evidence.table_title', 'amounts.source_line', 'evidence.line_label') }} || ', '
        || evidence.fiscal_year || ': printed ' || amounts.value_as_printed || ' under a header in '
        || evidence.unit_as_printed || ', which reads ' || {{ fmt_amount('evidence.amount_tkr_as_printed_unit', "'tkr'") }}
        || '; the same figure is ' || {{ fmt_amount('evidence.other_amount_tkr', "'tkr'") }} || ' in '''
        || evidence.other_line_label || ''' (' || evidence.other_table_title || '), a factor of 1 000 apart. '
        || case
            when evidence.reread_scope = 'table' then
                'Its values are whole numbers, as tkr are printed, so the warehouse reads the whole table in tkr ('
                || {{ fmt_amount('evidence.amount_tkr_as_printed_unit / 1000', "'tkr'") }} || ' here).'
            when evidence.reread_scope = 'line' then
                'It is a whole number in a table that prints mnkr with decimals, so the warehouse reads this line in tkr ('
                || {{ fmt_amount('evidence.amount_tkr_as_printed_unit / 1000', "'tkr'") }} || ').'
            else 'Nothing tells which header is wrong; the warehouse keeps the header''s reading.'
        end as explanation,
        evidence.row_id,
        cast(null as varchar) as other_place_id,
        amounts.source_line,
        amounts.cell_id || '|' || evidence.other_table_title || '|' || evidence.other_line_label as place_id
    from evidence
    inner join amounts
        on
            evidence.row_id = amounts.row_id
            and evidence.fiscal_year = amounts.fiscal_year
            and evidence.scenario is not distinct from amounts.scenario
)

select * from final
