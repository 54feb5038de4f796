{#- Every line of a resultaträkning, a balansräkning or a table of committees (driftredovisning,
    driftbudget, budgetutfall per nämnd), with the standard line or the committee type its
    label names; null where no pattern maps it (rpt_unmapped_labels lists those).

    Labels are read as int_comparison_lines__normalized gives them (normalized_label(): lower
    case, no bullet, numbering or footnote mark). What a table is follows from its lines, not
    its title (titles vary and are misread: Åmål's driftbudget lands under the caption above
    it):
    - a resultaträkning or balansräkning prints every line seeds/standard_lines.csv marks as
      identifying it (Verksamhetens nettokostnader and Skatteintäkter; Summa tillgångar and its
      other side): a committee's own summary may print a net cost, never the tax income;
    - a table of committees names at least two different committee types
      (seeds/committee_types.csv): one committee's table names at most itself. Offices are
      parts of a committee, never a committee line of their own.
    A line maps to a standard line only of the statement its table is. -#}
with

normalized as (
    select * from {{ ref('int_comparison_lines__normalized') }}
),

standard_lines as (
    select * from {{ ref('standard_lines') }}
),

standard_line_patterns as (
    select * from {{ ref('standard_line_patterns') }}
),

committee_types as (
    select * from {{ ref('committee_types') }}
    where not is_office
),

-- Each distinct label is matched once (the same labels recur in every municipality's tables),
-- then joined back to its lines.
labels as (
    select distinct normalized_label from normalized
),

label_standard_lines as (
    select
        labels.normalized_label,
        standard_lines.standard_line,
        standard_lines.statement,
        standard_lines.identifies_statement
    from labels
    inner join standard_line_patterns
        on regexp_matches(labels.normalized_label, standard_line_patterns.pattern)
    inner join standard_lines on standard_line_patterns.standard_line = standard_lines.standard_line
    qualify row_number() over (partition by labels.normalized_label order by standard_line_patterns.priority) = 1
),

label_committee_types as (
    select
        labels.normalized_label,
        committee_types.committee_type
    from labels
    inner join committee_types on regexp_matches(labels.normalized_label, committee_types.pattern)
    qualify row_number() over (partition by labels.normalized_label order by committee_types.priority) = 1
),

standard_line_matches as (
    select
        normalized.row_id,
        normalized.table_id,
        label_standard_lines.standard_line,
        label_standard_lines.statement,
        label_standard_lines.identifies_statement
    from normalized
    inner join label_standard_lines on normalized.normalized_label = label_standard_lines.normalized_label
),

committee_matches as (
    select
        normalized.row_id,
        normalized.table_id,
        label_committee_types.committee_type
    from normalized
    inner join label_committee_types on normalized.normalized_label = label_committee_types.normalized_label
),

identifying_lines as (
    select
        statement,
        count(*) as identifying_line_count
    from standard_lines
    where identifies_statement
    group by statement
),

statement_tables as (
    select
        standard_line_matches.table_id,
        standard_line_matches.statement
    from standard_line_matches
    inner join identifying_lines on standard_line_matches.statement = identifying_lines.statement
    where standard_line_matches.identifies_statement
    group by standard_line_matches.table_id, standard_line_matches.statement, identifying_lines.identifying_line_count
    having count(distinct standard_line_matches.standard_line) = identifying_lines.identifying_line_count
    -- a table that is both (never seen) is read as the first statement, not twice
    qualify row_number() over (
        partition by standard_line_matches.table_id order by standard_line_matches.statement desc
    ) = 1
),

committee_tables as (
    select table_id
    from committee_matches
    group by table_id
    having count(distinct committee_type) >= 2
),

final as (
    select
        normalized.row_id,
        normalized.table_id,
        normalized.document_id,
        normalized.source_file,
        normalized.municipality_code,
        normalized.table_title,
        statement_tables.statement,
        committee_tables.table_id is not null as is_committee_table,
        normalized.row_index,
        normalized.source_line,
        normalized.line_label,
        normalized.normalized_label,
        normalized.line_kind,
        normalized.section_label,
        case
            when standard_line_matches.statement = statement_tables.statement then standard_line_matches.standard_line
        end as standard_line,
        case when committee_tables.table_id is not null then committee_matches.committee_type end as committee_type
    from normalized
    left join statement_tables on normalized.table_id = statement_tables.table_id
    left join committee_tables on normalized.table_id = committee_tables.table_id
    left join standard_line_matches on normalized.row_id = standard_line_matches.row_id
    left join committee_matches on normalized.row_id = committee_matches.row_id
    where statement_tables.table_id is not null or committee_tables.table_id is not null
)

select * from final
