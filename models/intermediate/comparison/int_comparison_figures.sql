{#- Every figure rpt_municipality_comparison compares, in one shape: one row per municipality,
    reporting entity, committee type or standard line, measure, fiscal year and scenario.
    - Committee rows (committee_type, measure net_cost or net_investment): the committees' own
      documents (int_committee_document_figures), and for the committee types, years and
      scenarios those do not state, the municipality's table of committees
      (int_committee_table_figures: driftredovisning, driftbudget);
    - standard-line rows (standard_line, measure `line_amount`): the resultaträkning and
      balansräkning lines every municipality prints by law (int_standard_line_figures), sign as
      printed.
    `stated_by` says where each figure comes from, `figure_source` which of the three it is. -#}
with

committee_document_figures as (
    select * from {{ ref('int_committee_document_figures') }}
),

committee_table_figures as (
    select * from {{ ref('int_committee_table_figures') }}
),

standard_line_figures as (
    select * from {{ ref('int_standard_line_figures') }}
),

committee_documents as (
    select
        municipality_code,
        reporting_entity,
        committee_type,
        measure,
        fiscal_year,
        scenario,
        amount_tkr,
        stated_by,
        'committee_document' as figure_source
    from committee_document_figures
),

committee_tables_not_in_documents as (
    select
        table_figures.municipality_code,
        table_figures.reporting_entity,
        table_figures.committee_type,
        table_figures.measure,
        table_figures.fiscal_year,
        table_figures.scenario,
        table_figures.amount_tkr,
        table_figures.stated_by || ' in ' || table_figures.source_file || ', '
        || coalesce(table_figures.table_title, 'a table') as stated_by,
        'committee_table' as figure_source
    from committee_table_figures as table_figures
    anti join committee_document_figures as document_figures
        on
            table_figures.municipality_code = document_figures.municipality_code
            and table_figures.reporting_entity = document_figures.reporting_entity
            and table_figures.committee_type = document_figures.committee_type
            and table_figures.measure = document_figures.measure
            and table_figures.fiscal_year = document_figures.fiscal_year
            and table_figures.scenario = document_figures.scenario
),

standard_lines as (
    select
        municipality_code,
        reporting_entity,
        standard_line,
        standard_line_name,
        line_order as standard_line_order,
        statement,
        'line_amount' as measure,
        fiscal_year,
        scenario,
        amount_tkr,
        line_label || ' (line ' || coalesce(cast(source_line as varchar), '?') || ', ' || column_header || ': '
        || value_as_printed || ' ' || unit_as_printed || ') in ' || source_file || ', ' || table_title
        || case
            when statement_count > 1
                then ' (stated in ' || statement_count || ' places; the newest document speaks)'
            else ''
        end as stated_by,
        'statement' as figure_source
    from standard_line_figures
),

-- By name: a committee row has no standard line, a standard-line row no committee type (null).
unioned as (
    select * from committee_documents
    union all by name
    select * from committee_tables_not_in_documents
    union all by name
    select * from standard_lines
),

final as (
    select
        municipality_code,
        reporting_entity,
        committee_type,
        standard_line,
        standard_line_name,
        cast(standard_line_order as integer) as standard_line_order,
        statement,
        measure,
        cast(fiscal_year as integer) as fiscal_year,
        scenario,
        cast(amount_tkr as decimal(18, 3)) as amount_tkr,
        stated_by,
        figure_source
    from unioned
)

select * from final
