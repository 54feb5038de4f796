{#- Each committee type's net cost (or net investment) per municipality, reporting entity, fiscal
    year and scenario, from a table whose lines are committees (int_comparison_lines__mapped):
    a driftredovisning, driftbudget or budgetutfall per nämnd.

    Which columns state a committee's figure is seeds/committee_table_figures.csv: a year's
    amount, a Nettokostnad / Netto column, an allocation (kommunbidrag, nämndbidrag: the
    budgeted net cost); never a Resultat column (allocation + income − costs), an income, cost,
    deviation or change column, a part of the year, or a koncern column the comparison did not
    ask for. Where a table prints two for one year and scenario, the seed's first wins.

    Sign: a net cost is a cost. Tables print it either positive (Åmål's driftbudget, Nynäshamn's
    nämndbidrag) or as a negative contribution to the result (Västervik's Nettokostnad −415,9,
    Kungsbacka's −72). A column in which most committees' figures are negative prints costs
    negative, and its figures are turned to net costs (−415,9 is a net cost of 415,9);
    `amount_as_printed_tkr` and `value_as_printed` keep what the document prints.

    The committees of one type add up (two social committees are the type's figure), each type
    from one table: where several documents state the same year and scenario, the newest. -#}
with

mapped as (
    select * from {{ ref('int_comparison_lines__mapped') }}
    where committee_type is not null
),

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
    where
        period_kind = 'year'
        and reporting_entity in ({{ compared_entities() }})
        and fiscal_year is not null
        and scenario is not null
),

figure_columns as (
    select * from {{ ref('committee_table_figures') }}
),

cells as (
    select
        amounts.*,
        mapped.committee_type,
        -- an empty measure excludes the column (a CSV may give it as '' rather than null)
        nullif(figure_columns.measure, '') as measure,
        figure_columns.priority as column_priority
    from mapped
    inner join amounts on mapped.row_id = amounts.row_id
    inner join figure_columns
        on
            (
                figure_columns.table_title_pattern is null
                or regexp_matches(lower(coalesce(amounts.table_title, '')), figure_columns.table_title_pattern)
            )
            and (
                figure_columns.column_header_pattern is null
                or regexp_matches(lower(coalesce(amounts.column_header, '')), figure_columns.column_header_pattern)
            )
            and regexp_matches(amounts.amount_kind, figure_columns.amount_kind_pattern)
    qualify row_number() over (partition by amounts.cell_id order by figure_columns.priority) = 1
),

figure_cells as (
    select * from cells
    where measure is not null
),

-- A column prints costs negative when most committees' figures in it are negative.
column_signs as (
    select
        table_id,
        column_index,
        case when count(*) filter (where amount_tkr < 0) * 2 > count(*) then -1 else 1 end as cost_sign
    from figure_cells
    group by table_id, column_index
),

committee_figures as (
    select
        figure_cells.*,
        column_signs.cost_sign
    from figure_cells
    inner join column_signs
        on figure_cells.table_id = column_signs.table_id and figure_cells.column_index = column_signs.column_index
    qualify row_number() over (
        partition by figure_cells.row_id, figure_cells.measure, figure_cells.fiscal_year, figure_cells.scenario
        order by figure_cells.column_priority, figure_cells.column_index
    ) = 1
),

by_table as (
    select
        municipality_code,
        reporting_entity,
        committee_type,
        measure,
        fiscal_year,
        scenario,
        table_id,
        any_value(document_id) as document_id,
        any_value(source_file) as source_file,
        any_value(base_year) as base_year,
        any_value(table_title) as table_title,
        sum(amount_tkr * cost_sign) as amount_tkr,
        sum(amount_tkr) as amount_as_printed_tkr,
        sum(rounding_tkr) as rounding_tkr,
        count(*) as committee_count,
        string_agg(
            line_label || ' (line ' || coalesce(cast(source_line as varchar), '?') || ', ' || column_header || ': '
            || value_as_printed || case when cost_sign = -1 then ', a column that prints costs negative' else '' end
            || ')',
            '; ' order by row_index
        ) as stated_by
    from committee_figures
    group by municipality_code, reporting_entity, committee_type, measure, fiscal_year, scenario, table_id
),

final as (
    select
        municipality_code,
        reporting_entity,
        committee_type,
        measure,
        cast(fiscal_year as integer) as fiscal_year,
        scenario,
        cast(amount_tkr as decimal(18, 3)) as amount_tkr,
        cast(amount_as_printed_tkr as decimal(18, 3)) as amount_as_printed_tkr,
        cast(rounding_tkr as decimal(18, 3)) as rounding_tkr,
        cast(committee_count as integer) as committee_count,
        table_id,
        document_id,
        source_file,
        table_title,
        stated_by
    from by_table
    qualify row_number() over (
        partition by municipality_code, reporting_entity, committee_type, measure, fiscal_year, scenario
        order by base_year desc, table_id asc
    ) = 1
)

select * from final
