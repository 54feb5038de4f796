{#- The hierarchy of each table: what every line is and where it belongs.

    line_kind   total    a Summa/Totalt line, a net line with varav parts, or the line a
                         "Varav:" / "Specificerade …:" heading breaks down
                item     a part of a total
                of_which a varav breakdown of the line above it
                change   a specification-of-change line (tables with "Specifikation av
                         förändringar": a line with no value in the first column)
                other    a line that is part of no sum
    A varav line directly under a heading without values is a part of the table's total (the
    investment table's "varav KS, KLF" under "Kommunstyrelsen"): counts_in_total.

    What a line is by its label (line_role: total, of_which, a "…:" group heading, the change
    marker), its breakdown (income, cost, assets, equity_and_liabilities) and its group (group_no)
    are the extractor's, landed in raw.rows: the resolver needs the same structure to choose how
    to read the rows (extract/constraints.py), so it is worked out once, there. What stays here
    needs the cells or other rows of the table: change lines (no value in the first column),
    the line a varav line or a "Varav:" heading breaks down, sections, and the kinds of lines. -#}

with

documents as (
    select document_id, committee_name, issuing_unit
    from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

rows as (
    select table_rows.*
    from {{ ref('stg_budget_documents__rows') }} as table_rows
    inner join documents on table_rows.document_id = documents.document_id
),

cell_stats as (
    select
        row_id,
        count(*) as n_values,
        bool_or(column_index = 0) as has_first_column
    from {{ ref('stg_budget_documents__cells') }}
    group by row_id
),

kind_terms as (
    select pattern from {{ ref('column_terms') }}
    where role = 'kind'
),

-- A heading that only names a kind of line (Intäkter, Kostnader) heads part of the section
-- above it: its lines' section is "Finansförvaltning (kommungemensamma poster) / Intäkter".
kind_headings as (
    select distinct rows.row_id
    from rows
    inner join kind_terms on regexp_matches(lower(trim(rows.line_label)), kind_terms.pattern)
    where rows.row_type = 'heading' and len(string_split(trim(rows.line_label), ' ')) <= 2
),

labelled as (
    select
        rows.*,
        coalesce(cell_stats.n_values, 0) as n_values,
        coalesce(cell_stats.has_first_column, false) as has_first_column,
        -- a heading's line_role: a list item printed empty ("– Goodwill:") heads a group as a heading does
        coalesce(rows.line_role = 'group_heading', false) as is_group_heading,
        coalesce(rows.line_role = 'change_marker', false) as is_change_marker,
        kind_headings.row_id is not null as is_kind_heading
    from rows
    left join kind_headings on rows.row_id = kind_headings.row_id
    left join cell_stats on rows.row_id = cell_stats.row_id
),

table_flags as (
    select
        table_id,
        bool_or(is_change_marker) as has_change_marker
    from labelled
    group by table_id
),

flagged as (
    select
        labelled.*,
        labelled.row_type = 'values'
        and table_flags.has_change_marker
        and not labelled.has_first_column as is_change,
        labelled.row_type = 'values' and coalesce(labelled.line_role = 'of_which', false) as is_of_which,
        labelled.row_type = 'values' and coalesce(labelled.line_role = 'total', false) as is_pattern_total
    from labelled
    inner join table_flags on labelled.table_id = table_flags.table_id
),

-- The line a varav line breaks down: the nearest line above it that is not itself a varav line.
with_parent as (
    select
        *,
        last_value(case when not is_of_which then row_id end ignore nulls) over (
            partition by table_id order by row_index rows between unbounded preceding and 1 preceding
        ) as of_which_parent_row_id
    from flagged
),

-- The line a "Varav:" / "Specificerade nettokostnader:" heading breaks down: the nearest value
-- line above it that shares a word with it (nettokostnader), else simply the nearest.
heading_words as (
    select
        row_id,
        table_id,
        row_index,
        group_no,
        list_filter(
            string_split(regexp_replace(lower(line_label), '[^a-zåäö ]', ' ', 'g'), ' '), lambda w: length(w) >= 5
        ) as words
    from flagged
    where is_group_heading
),

group_parents as (
    select
        heading_words.table_id,
        heading_words.group_no,
        flagged.row_id as parent_row_id
    from heading_words
    inner join flagged
        on
            heading_words.table_id = flagged.table_id
            and heading_words.row_index > flagged.row_index
            and flagged.row_type = 'values'
            and not flagged.is_of_which
            and not flagged.is_change
    qualify row_number() over (
        partition by heading_words.row_id
        order by
            len(list_intersect(
                heading_words.words,
                string_split(regexp_replace(lower(flagged.line_label), '[^a-zåäö ]', ' ', 'g'), ' ')
            )) > 0 desc,
            flagged.row_index desc
    ) = 1
),

group_flags as (
    select
        table_id,
        group_no,
        bool_or(is_pattern_total) as group_has_total,
        bool_or(is_group_heading) as is_breakdown_group
    from flagged
    group by table_id, group_no
),

-- A line broken down into varav intäkter and varav kostnader is a net line, checked against
-- them; a single "varav mark och exploatering" is a partial breakdown with nothing to check.
children as (
    select of_which_parent_row_id as row_id
    from with_parent
    where is_of_which
    group by of_which_parent_row_id
    having bool_or(breakdown = 'income') and bool_or(breakdown = 'cost')
),

parent_rows as (
    select row_id, row_type as parent_row_type, line_label as parent_label
    from rows
),

sections as (
    select
        with_parent.*,
        -- the nearest heading above (not a "…:" heading, not the change marker)
        last_value(
            case
                when
                    with_parent.row_type = 'heading'
                    and not with_parent.is_change_marker
                    and not with_parent.is_group_heading
                    then with_parent.line_label
            end
            ignore nulls
        ) over (
            partition by with_parent.table_id
            order by with_parent.row_index rows between unbounded preceding and 1 preceding
        ) as nearest_any_heading,
        last_value(
            case
                when
                    with_parent.row_type = 'heading'
                    and not with_parent.is_change_marker
                    and not with_parent.is_group_heading
                    and not with_parent.is_kind_heading
                    then with_parent.line_label
            end
            ignore nulls
        ) over (
            partition by with_parent.table_id
            order by with_parent.row_index rows between unbounded preceding and 1 preceding
        ) as nearest_section_heading,
        last_value(
            case
                when
                    with_parent.row_type = 'heading'
                    and not with_parent.is_change_marker
                    and not with_parent.is_group_heading
                    then with_parent.is_kind_heading
            end
            ignore nulls
        ) over (
            partition by with_parent.table_id
            order by with_parent.row_index rows between unbounded preceding and 1 preceding
        ) as nearest_is_kind_heading,
        -- for change lines: the line whose plan they specify (the unit line above them)
        last_value(
            case
                when
                    with_parent.row_type = 'values' and not with_parent.is_change and not with_parent.is_of_which
                    then with_parent.line_label
            end ignore nulls
        ) over (
            partition by with_parent.table_id
            order by with_parent.row_index rows between unbounded preceding and 1 preceding
        ) as nearest_value_line,
        first_value(
            case
                when
                    with_parent.row_type = 'heading'
                    and not with_parent.is_change_marker
                    and not with_parent.is_group_heading
                    then with_parent.line_label
            end
            ignore nulls
        ) over (
            partition by with_parent.table_id, with_parent.group_no
            order by with_parent.row_index rows between unbounded preceding and unbounded following
        ) as group_heading
    from with_parent
),

classified as (
    select
        sections.row_id,
        sections.table_id,
        sections.document_id,
        sections.row_index,
        sections.row_type,
        sections.line_label,
        sections.value_unit,
        sections.label_unit,
        sections.alignment_is_guess,
        sections.split_ambiguous,
        sections.group_no,
        sections.line_role,
        sections.is_change,
        sections.is_of_which,
        sections.is_pattern_total,
        sections.is_group_heading,
        sections.breakdown as breakdown_role,
        coalesce(group_flags.is_breakdown_group, false) as in_breakdown_group,
        case when sections.is_of_which then sections.of_which_parent_row_id end as of_which_parent_row_id,
        coalesce(parent_rows.parent_row_type = 'heading', false) as is_part_of_heading,
        group_parents.parent_row_id as breakdown_parent_row_id,
        children.row_id is not null as has_of_which,
        case
            when sections.row_type = 'heading' then null
            when sections.is_change then 'change'
            when sections.is_of_which then 'of_which'
            when
                sections.is_pattern_total
                or children.row_id is not null
                or sections.row_id in (select parents.parent_row_id from group_parents as parents)
                then 'total'
            when group_flags.group_has_total or group_flags.is_breakdown_group then 'item'
            else 'other'
        end as line_kind,
        case
            when sections.row_type = 'heading' then null
            when sections.is_change then sections.nearest_value_line
            when sections.is_of_which and parent_rows.parent_row_type = 'heading' then parent_rows.parent_label
            when sections.is_pattern_total then sections.group_heading
            when group_flags.is_breakdown_group then breakdown_parent.line_label
            when sections.nearest_is_kind_heading and sections.nearest_section_heading is not null
                then sections.nearest_section_heading || ' / ' || sections.nearest_any_heading
            else sections.nearest_any_heading
        end as section_label
    from sections
    left join group_flags
        on sections.table_id = group_flags.table_id and sections.group_no = group_flags.group_no
    left join parent_rows on sections.of_which_parent_row_id = parent_rows.row_id and sections.is_of_which
    left join group_parents
        on sections.table_id = group_parents.table_id and sections.group_no = group_parents.group_no
    left join rows as breakdown_parent on group_parents.parent_row_id = breakdown_parent.row_id
    left join children on sections.row_id = children.row_id
),

final as (
    select
        *,
        -- parts a total is checked against
        -- an unread line counts too: a total over it cannot be checked
        row_type in ('values', 'unread')
        and (line_kind = 'item' or (line_kind = 'of_which' and is_part_of_heading)) as counts_in_total
    from classified
)

select * from final
