//! `docs/datos.md`: the reference of canonical fields, generated from `data/campos.yaml` and
//! the olas' mappings so it cannot drift from them (a test compares it with the committed file).

use std::fmt::Write;

use crate::fields::FieldType;
use crate::project::Project;

const RULES: &str = "\
## Reglas de lectura

- Los encabezados del libro se comparan con los de `ola.yaml` sin distinguir mayúsculas, tildes
  ni espacios sobrantes. Las columnas del libro que no están en `ola.yaml` se ignoran.
- Una celda vacía es **sin dato**: se excluye de los denominadores y nunca se muestra como 0. En un
  campo obligatorio es un error.
- **Números escritos como texto** siguen el estilo colombiano: «1.234» es mil doscientos treinta y
  cuatro y «0,45» es un decimal. Un texto con un solo punto seguido de algo distinto de tres cifras
  («12.5») se lee con punto decimal.
- **Porcentajes**: cada celda se lee según su propio formato. Un número en una celda con formato
  de porcentaje es una fracción (0,45 → 45 %); en una celda sin él, puntos porcentuales (45 → 45 %;
  0,45 → 0,45 %). Un texto con «%» siempre son puntos. El formato se lee del archivo (estilos del
  xlsx, tipo de valor del ods). Si el archivo no lo da (xls), decide la columna: si todos sus
  números están entre 0 y 1 y alguno estrictamente entre ellos, son fracciones; si no, una celda
  que admite las dos lecturas (0,95 entre números enteros, o 1 en una columna de solo 0 y 1) es un
  error que dice ambas. Fuera de 0–100 es un error.
- **Grupos de porcentajes** (`grupo`) deben sumar 100, con una tolerancia de ±1 por redondeo.
- **Conteos**: enteros mayores o iguales a 0; las empresas activas, impactadas o por tamaño no
  pueden superar a las participantes (las de tamaño dan un aviso).
- **Departamentos**: nombre oficial del DANE (`data/referencia/departamentos.csv`) o uno de sus
  alias; si no se reconoce, el mensaje sugiere el nombre oficial más cercano («Bogota» → «Bogotá D.C.»).
- **Respuestas de categoría**: el texto exportado por el formulario (`respuestas` en `ola.yaml`),
  la etiqueta canónica o el valor canónico.
- **Selección múltiple** en dos estilos: una celda con las opciones separadas por `separador`
  (`;` o `,`), o una columna por opción (`opcion`) marcada con cualquier valor distinto de vacío,
  «no», «0» o «falso». Una pregunta sin respuesta (la celda vacía, o todas sus columnas vacías) es
  **sin dato**, no «ninguna»: «ninguna» cuenta solo si el formulario la ofrece (la opción
  `ninguna`) y se marca, y no puede ir con otras opciones.
- Una celda con error de Excel (#DIV/0!, #N/A, …) es un error.

## Exportaciones de formularios en línea

- **Estilo** (`estilo:` en `ola.yaml`): `google_forms`, `microsoft_forms`, `kobotoolbox`,
  `limesurvey`, `surveymonkey`, `qualtrics` o `plano` (una fila de encabezados). Sin `estilo`, se
  detecta por los encabezados y `ssme check` dice cuál detectó. El estilo decide las filas de
  encabezado, a partir de `fila_encabezado`: SurveyMonkey tiene dos (la pregunta y, debajo, la
  opción o «Response»; una columna con el primer encabezado vacío continúa la pregunta anterior,
  y se mapea como «Pregunta [Opción]»); Qualtrics tiene tres (nombre corto, texto de la pregunta e
  id de importación; vale el nombre corto o el texto); en KoboToolbox vale el nombre con su grupo
  («grupo/pregunta») o solo el de la pregunta. Las columnas de sistema (`_id`, `_uuid`,
  `Respondent ID`, `ResponseId`, `Progress`…) se ignoran, como toda columna que no esté en
  `ola.yaml`.
- **CSV**: separado por coma, punto y coma o tabulador; en UTF-8 (con o sin marca de orden de
  bytes), UTF-16 o Windows-1252. La codificación y el separador se detectan y `ssme check` los
  dice junto al archivo; Windows-1252 da un aviso (revise las tildes).
- **Selección múltiple** en una columna por opción: marcada con 1, «X», el texto de la opción,
  «Selected», «Y» o cualquier otro valor distinto de vacío, «0», «no» o «falso»/«False». La
  columna resumen de KoboToolbox (los nombres de las opciones elegidas en una celda) no hace
  falta: se deja fuera de `ola.yaml`.
- **Envíos repetidos y parciales** (`envios:` en `ola.yaml`): `marca_temporal` es el encabezado
  de la fecha y hora del envío (dd/mm/aaaa hh:mm:ss o aaaa-mm-dd hh:mm:ss); `completo`, el de la
  columna que marca un envío terminado (vacía, 0, «no» o «False» es incompleto);
  `conservar_incompletos: true` lee también los incompletos. De cada iniciativa se lee el último
  envío completo por su marca temporal; cada fila que queda fuera (envío repetido o incompleto) se
  lista en un aviso de `ssme check` con su fila: nada se descarta en silencio. Sin `envios:`, el
  estilo da esas columnas (Google Forms: «Marca temporal»; Microsoft Forms: «Hora de
  finalización»; KoboToolbox: `_submission_time`; LimeSurvey: `submitdate`, vacío si el envío
  quedó incompleto; SurveyMonkey: «End Date»; Qualtrics: `EndDate` y `Finished`). Sin ninguno de
  los dos, un código de iniciativa repetido es un error.

## Mapear una exportación nueva

`ssme mapear --ola N ARCHIVO` escribe una propuesta de `data/olas/N/ola.yaml` para la exportación
`ARCHIVO` (xlsx, xls, ods o CSV): cada encabezado se asigna al campo canónico cuyo texto más se
le parece (las preguntas de las otras olas, con sus años leídos como «el periodo» o «el periodo
anterior», y el nombre y la descripción de cada campo), o por sus respuestas si el encabezado no
se parece a ninguno; cada texto de respuesta nuevo, al valor canónico más parecido (las
respuestas de las otras olas y las etiquetas). Cada asignación lleva un comentario con su
confianza (0–1) y la alternativa siguiente; lo que no alcanza 0,5 queda al comienzo del archivo,
«POR DECIDIR». Las decisiones que ya estén en `ola.yaml` (columnas y respuestas) se conservan
cada vez que se vuelve a ejecutar. Revise la propuesta y ejecute `ssme check --ola N`.
";

pub fn markdown(project: &Project) -> String {
    let mut out = String::new();
    out.push_str("# Campos canónicos\n\n");
    out.push_str(
        "Generado por `ssme campos` desde `data/campos.yaml` y `data/olas/*/ola.yaml`; no se edita a mano.\n\n\
         Cada ola traduce las columnas de su exportación a estos campos (`columnas` de su `ola.yaml`).\n\
         La categorización usa las variables de `data/metodologias/`; los informes usan el resto.\n\n",
    );
    out.push_str(RULES);
    out.push_str("\n## Campos\n\n| campo | tipo | obligatorio | valores permitidos | olas | usos |\n|---|---|---|---|---|---|\n");
    for f in project.fields.all() {
        let values = if f.valores.is_empty() {
            match f.tipo {
                FieldType::Porcentaje => "0–100".to_string(),
                FieldType::Entero => "entero ≥ 0".to_string(),
                FieldType::Numero => "número ≥ 0".to_string(),
                FieldType::Anio => "1900–2100".to_string(),
                _ => String::new(),
            }
        } else {
            f.valores
                .iter()
                .map(|(k, v)| format!("`{k}` ({v})"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let olas: Vec<String> = project
            .olas
            .iter()
            .filter(|o| o.columnas.iter().any(|c| c.campo == f.id))
            .map(|o| o.numero.to_string())
            .collect();
        let mut uses = f.usos.join(", ");
        if let Some(g) = &f.grupo {
            let _ = write!(uses, "; suma 100 con su grupo `{g}`");
        }
        if let Some(d) = &f.descripcion {
            uses = format!("{d} — {uses}");
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            f.id,
            f.tipo.name(),
            if f.requerido { "sí" } else { "no" },
            values.replace('|', "\\|"),
            olas.join(", "),
            uses.replace('|', "\\|")
        );
    }
    out
}
