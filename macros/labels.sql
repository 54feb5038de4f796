{#- A printed label as the mappings of labels to vocabularies read it (seeds/standard_line_patterns.csv,
    seeds/committee_types.csv): lower case; no leading bullet, dash or numbering (`– `, `•`,
    `1.`, `2.3`, `a)`); no trailing footnote mark (`[*]`, `*`, `1)`, `(2)`) or colon; every run
    of whitespace one space. The label as printed is kept beside it wherever it is used. -#}
{% macro normalized_label(label) -%}
    trim(regexp_replace(
        regexp_replace(
            regexp_replace(
                lower(replace({{ label }}, chr(160), ' ')),
                '^[\s\-–—•·*]*((\d+(\.\d+)+\.?|\d+[.)]|[a-z][.)])\s+)?[\s\-–—•·]*', ''
            ),
            '(\s*(\[\*+\]|\*+|\(\d{1,2}\))|\s+\d{1,2}\)|\s*:)+\s*$', ''
        ),
        '\s+', ' ', 'g'
    ))
{%- endmacro %}
