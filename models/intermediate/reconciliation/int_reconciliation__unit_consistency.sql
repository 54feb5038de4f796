{#- A figure whose magnitude contradicts its table's stated unit, given the same figure elsewhere:
    warn, with both readings. One finding per line and other place, not one per year: a header's
    unit is wrong once, however many years it covers. See int_budget_amounts__unit_evidence for
    how the warehouse decides which reading fct_budget_amounts carries. -#}
with

evidence as (
    select * from {{ ref('int_budget_amounts__unit_evidence') }}
),

amounts as (
    select cell_id, row_id, fiscal_year, scenario, source_line, value_as_printed
    from {{ ref('int_budget_amounts__as_printed') }}
),

per_year as (
    select
        evidence.*,
        amounts.source_line,
        amounts.value_as_printed
    from evidence
    inner join amounts
        on
            evidence.row_id = amounts.row_id
            and evidence.fiscal_year = amounts.fiscal_year
            and evidence.scenario is not distinct from amounts.scenario
),

per_line as (
    select
        document_id,
        row_id,
        other_table_title,
        other_line_label,
        any_value(table_title) as table_title,
        any_value(line_label) as line_label,
        any_value(unit_as_printed) as unit_as_printed,
        any_value(reread_scope) as reread_scope,
        min(source_line) as source_line,
        min(fiscal_year) as fiscal_year,
        arg_min(scenario, fiscal_year) as scenario,
        arg_min(value_as_printed, fiscal_year) as value_as_printed,
        arg_min(amount_tkr_as_printed_unit, fiscal_year) as amount_tkr_as_printed_unit,
        arg_min(other_amount_tkr, fiscal_year) as other_amount_tkr,
        count(distinct fiscal_year) as year_count,
        case
            when count(distinct fiscal_year) = 1 then cast(min(fiscal_year) as varchar)
            when max(fiscal_year) - min(fiscal_year) + 1 = count(distinct fiscal_year)
                then min(fiscal_year) || '–' || max(fiscal_year)
            else string_agg(distinct cast(fiscal_year as varchar), ', ' order by cast(fiscal_year as varchar))
        end as years
    from per_year
    group by document_id, row_id, other_table_title, other_line_label
),

final as (
    select
        'unit_consistency' as check_type,
        document_id,
        table_title,
        line_label,
        fiscal_year,
        scenario,
        amount_tkr_as_printed_unit as reported_tkr,
        cast(amount_tkr_as_printed_unit / 1000 as decimal(18, 3)) as computed_tkr,
        -- a factor of 1 000, not a difference: the explanation says which reading is kept
        cast(null as decimal(18, 3)) as difference_tkr,
        cast(0 as decimal(18, 3)) as tolerance_tkr,
        'warn' as status,
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || years
        || ': printed ' || value_as_printed
        || case when year_count > 1 then ' in ' || fiscal_year else '' end
        || ' under a header in ' || unit_as_printed || ', which reads '
        || {{ fmt_amount('amount_tkr_as_printed_unit', "'tkr'") }}
        || '; the same figure is ' || {{ fmt_amount('other_amount_tkr', "'tkr'") }} || ' in '''
        || other_line_label || ''' (' || other_table_title || '), a factor of 1 000 (×1 000) apart'
        || case when year_count > 1 then ', and so in each of its ' || year_count || ' years' else '' end
        || '. '
        || case
            when reread_scope = 'table'
                then
                    'Its values are whole numbers, as tkr are printed, so the warehouse reads the whole table in tkr ('
                    || {{ fmt_amount('amount_tkr_as_printed_unit / 1000', "'tkr'") }} || ' here).'
            when reread_scope = 'line'
                then
                    'It is a whole number in a table that prints mnkr with decimals, '
                    || 'so the warehouse reads this line in tkr ('
                    || {{ fmt_amount('amount_tkr_as_printed_unit / 1000', "'tkr'") }} || ').'
            else 'Nothing tells which header is wrong; the warehouse keeps the header''s reading.'
        end as explanation,
        row_id,
        cast(null as varchar) as other_place_id,
        source_line,
        row_id || '|' || other_table_title || '|' || other_line_label as place_id
    from per_line
)

select * from final
