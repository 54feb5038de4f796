{#- Where the same figure, stated in two places, differs by exactly a factor of 1 000, one of
    the two headers states the wrong unit. Valnämnden's Driftsammandrag says "belopp mnkr" over
    the same 5 378 that its Ekonomi table gives in tkr; Kommunstyrelsen's Ekonomi table prints
    Leanlink's investments as 4 400 "mnkr" where the investment table has 4,4 mnkr.

    The evidence supports the tkr reading for the side printed as whole numbers under an mnkr
    header (an mnkr table prints decimals: 666,8). When that side is a Summa line, the whole
    table is read in tkr (its parts add up to it either way); otherwise the line alone.
    Where neither side is such, the pair is reported but nothing is re-read. -#}
with

amounts as (
    select * from {{ ref('int_budget_amounts__as_printed') }}
    where {{ is_year_amount() }}
),

lines as (
    select row_id, is_pattern_total from {{ ref('int_budget_lines__classified') }}
),

statements as (
    {{ table_statements(
        ref('int_budget_amounts__as_printed'), 'amount_tkr_as_printed_unit', 'rounding_tkr_as_printed_unit'
    ) }}
),

-- Two statements of the same measure and year in one document.
statement_pairs as (
    select
        a.document_id,
        a.fiscal_year,
        a.scenario,
        a.cell_id as a_cell_id,
        a.row_id as a_row_id,
        a.table_id as a_table_id,
        a.table_title as a_table_title,
        a.line_label as a_line_label,
        a.amount_tkr as a_amount_tkr,
        a.unit_as_printed as a_unit,
        a.max_decimals as a_decimals,
        b.cell_id as b_cell_id,
        b.row_id as b_row_id,
        b.table_title as b_table_title,
        b.line_label as b_line_label,
        b.amount_tkr as b_amount_tkr,
        b.unit_as_printed as b_unit,
        b.max_decimals as b_decimals
    from statements as a
    inner join statements as b
        on
            a.document_id = b.document_id
            and a.measure = b.measure
            and a.fiscal_year = b.fiscal_year
            and a.table_id <> b.table_id
            and a.line_count = 1
            and b.line_count = 1
),

-- The same line named in two tables ("Investeringar netto Leanlink" / "varav Leanlink"): the
-- name is worked out once per distinct label (labels recur in every document).
line_names as (
    select
        line_label,
        trim(regexp_replace(
            regexp_replace(
                lower(line_label),
                '\b(investeringar|investering|netto|varav|nettokostnader|nettokostnad|kostnader|intäkter|summa|belopp)\b',  -- noqa: LT05
                ' ', 'g'
            ),
            '[^a-zåäö0-9]+', ' ', 'g'
        )) as line_name
    from (select distinct line_label from amounts) as labels
),

named as (
    select
        amounts.*,
        line_names.line_name
    from amounts
    inner join line_names on amounts.line_label = line_names.line_label
),

line_pairs as (
    select
        a.document_id,
        a.fiscal_year,
        a.scenario,
        a.cell_id as a_cell_id,
        a.row_id as a_row_id,
        a.table_id as a_table_id,
        a.table_title as a_table_title,
        a.line_label as a_line_label,
        a.amount_tkr_as_printed_unit as a_amount_tkr,
        a.unit_as_printed as a_unit,
        a.decimals as a_decimals,
        b.cell_id as b_cell_id,
        b.row_id as b_row_id,
        b.table_title as b_table_title,
        b.line_label as b_line_label,
        b.amount_tkr_as_printed_unit as b_amount_tkr,
        b.unit_as_printed as b_unit,
        b.decimals as b_decimals
    from named as a
    inner join named as b
        on
            a.document_id = b.document_id
            and a.fiscal_year = b.fiscal_year
            and a.table_id <> b.table_id
            and a.line_name = b.line_name
            and a.line_name <> ''
),

pairs as (
    select * from statement_pairs
    union
    select * from line_pairs
),

thousandfold as (
    -- a is the side read 1 000 times larger than b
    select *
    from pairs
    where
        a_amount_tkr <> 0
        and b_amount_tkr <> 0
        and abs(a_amount_tkr / b_amount_tkr) between 999 and 1001
),

verdicts as (
    select
        thousandfold.*,
        case
            when thousandfold.a_unit = 'mnkr' and coalesce(thousandfold.a_decimals, 0) = 0 then thousandfold.a_row_id
        end as suspect_row_id
    from thousandfold
),

scoped as (
    select
        verdicts.*,
        lines.is_pattern_total as suspect_is_total
    from verdicts
    left join lines on verdicts.suspect_row_id = lines.row_id
),

final as (
    select
        document_id,
        fiscal_year,
        scenario,
        a_cell_id as cell_id,
        a_row_id as row_id,
        a_table_id as table_id,
        a_table_title as table_title,
        a_line_label as line_label,
        a_amount_tkr as amount_tkr_as_printed_unit,
        a_unit as unit_as_printed,
        b_cell_id as other_cell_id,
        b_row_id as other_row_id,
        b_table_title as other_table_title,
        b_line_label as other_line_label,
        b_amount_tkr as other_amount_tkr,
        b_unit as other_unit_as_printed,
        suspect_row_id is not null as is_reread,
        case when suspect_row_id is null then null when suspect_is_total then 'table' else 'line' end
            as reread_scope
    from scoped
)

select * from final
