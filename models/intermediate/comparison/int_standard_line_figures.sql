{#- One figure per municipality, reporting entity, standard line, fiscal year and scenario: the
    amount a resultaträkning or balansräkning prints on the line (int_comparison_lines__mapped),
    sign as printed (the statements print costs negative).

    Only a year's own amount counts (is_year_amount: not a part of the year, a deviation or a
    change), of the reporting entities the comparison asks for (compared_entities(): the kommun
    unless `comparison_reporting_entities` adds koncern). Where several places state the same
    figure (this year's annual report and next year's, two lines of one table), the newest
    document speaks for it, then the total line, then the most precise; `statement_count` says
    how many places state it. -#}
with

mapped as (
    select * from {{ ref('int_comparison_lines__mapped') }}
    where standard_line is not null
),

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
    where {{ is_year_amount(entities=compared_entities()) }}
),

standard_lines as (
    select * from {{ ref('standard_lines') }}
),

cells as (
    select
        amounts.municipality_code,
        amounts.reporting_entity,
        mapped.statement,
        mapped.standard_line,
        amounts.fiscal_year,
        amounts.scenario,
        amounts.amount_tkr,
        amounts.rounding_tkr,
        amounts.value_as_printed,
        amounts.unit_as_printed,
        amounts.column_header,
        amounts.cell_id,
        amounts.document_id,
        amounts.source_file,
        amounts.base_year,
        amounts.table_title,
        amounts.line_label,
        amounts.source_line,
        mapped.line_kind
    from mapped
    inner join amounts on mapped.row_id = amounts.row_id
    where amounts.fiscal_year is not null and amounts.scenario is not null
),

final as (
    select
        cells.municipality_code,
        cells.reporting_entity,
        cells.statement,
        cells.standard_line,
        standard_lines.standard_line_name,
        standard_lines.line_order,
        cast(cells.fiscal_year as integer) as fiscal_year,
        cells.scenario,
        cast(cells.amount_tkr as decimal(18, 3)) as amount_tkr,
        cast(cells.rounding_tkr as decimal(18, 3)) as rounding_tkr,
        cells.value_as_printed,
        cells.unit_as_printed,
        cells.column_header,
        cells.cell_id,
        cells.document_id,
        cells.source_file,
        cells.table_title,
        cells.line_label,
        cells.source_line,
        cast(count(*) over (
            partition by
                cells.municipality_code, cells.reporting_entity, cells.standard_line, cells.fiscal_year,
                cells.scenario
        ) as integer) as statement_count
    from cells
    inner join standard_lines on cells.standard_line = standard_lines.standard_line
    qualify row_number() over (
        partition by
            cells.municipality_code, cells.reporting_entity, cells.standard_line, cells.fiscal_year, cells.scenario
        order by cells.base_year desc, (cells.line_kind = 'total') desc, cells.rounding_tkr asc, cells.cell_id asc
    ) = 1
)

select * from final
