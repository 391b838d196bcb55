//! Serialising template data into a JSON tree that is kept and updated in place.
//!
//! Handlebars renders from a `serde_json::Value`. Building that tree afresh for every
//! report and dropping it afterwards (a report's data is some 3,000 strings and maps)
//! was a sixth of the time it takes `screen` to write a full report. [`update`] writes the
//! data into the tree left by the previous report instead: map keys and string buffers
//! are reused, so only what grows allocates. The result is always equal to
//! `serde_json::to_value(data)` (a test holds it to that, on sampled reports).

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

type Error = serde_json::Error;

/// Make `target` equal to `serde_json::to_value(data)`, reusing what it holds.
pub fn update<T: Serialize + ?Sized>(target: &mut Value, data: &T) -> Result<(), Error> {
    data.serialize(Into(target))
}

/// A serializer that writes one value into a slot of the tree.
struct Into<'a>(&'a mut Value);

fn set_string(target: &mut Value, text: &str) {
    match target {
        Value::String(s) => {
            s.clear();
            s.push_str(text);
        }
        other => *other = Value::String(text.to_owned()),
    }
}

impl<'a> ser::Serializer for Into<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Fresh<'a, <serde_json::value::Serializer as ser::Serializer>::SerializeTupleVariant>;
    type SerializeMap = Fresh<'a, <serde_json::value::Serializer as ser::Serializer>::SerializeMap>;
    type SerializeStruct = Struct<'a>;
    type SerializeStructVariant = Fresh<'a, <serde_json::value::Serializer as ser::Serializer>::SerializeStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        *self.0 = Value::Bool(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        *self.0 = Value::Number(v.into());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        *self.0 = Value::Number(v.into());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        *self.0 = serde_json::to_value(v)?;
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        *self.0 = serde_json::to_value(v)?;
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // As serde_json does: through f64, and NaN or infinity as null.
        *self.0 = Number::from_f64(f64::from(v)).map_or(Value::Null, Value::Number);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        *self.0 = Number::from_f64(v).map_or(Value::Null, Value::Number);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        set_string(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        set_string(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        *self.0 = serde_json::to_value(v)?;
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        *self.0 = Value::Null;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        *self.0 = Value::Null;
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        *self.0 =
            ser::Serializer::serialize_newtype_variant(serde_json::value::Serializer, name, index, variant, value)?;
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a>, Error> {
        if !self.0.is_array() {
            *self.0 = Value::Array(Vec::with_capacity(len.unwrap_or(0)));
        }
        match self.0 {
            Value::Array(items) => Ok(Seq { items, next: 0 }),
            _ => unreachable!("made an array just above"),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        let inner = ser::Serializer::serialize_tuple_variant(serde_json::value::Serializer, name, index, variant, len)?;
        Ok(Fresh { target: self.0, inner })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        // Maps (from `#[serde(flatten)]` and map fields) are rare in template data: built afresh.
        let inner = ser::Serializer::serialize_map(serde_json::value::Serializer, len)?;
        Ok(Fresh { target: self.0, inner })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Struct<'a>, Error> {
        if !self.0.is_object() {
            *self.0 = Value::Object(Map::new());
        }
        match self.0 {
            Value::Object(fields) => Ok(Struct { fields, written: Vec::with_capacity(len) }),
            _ => unreachable!("made an object just above"),
        }
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        let inner =
            ser::Serializer::serialize_struct_variant(serde_json::value::Serializer, name, index, variant, len)?;
        Ok(Fresh { target: self.0, inner })
    }
}

/// A list: element `i` is written over the old element `i`; extra old ones are dropped.
pub struct Seq<'a> {
    items: &'a mut Vec<Value>,
    next: usize,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if self.next == self.items.len() {
            self.items.push(Value::Null);
        }
        value.serialize(Into(&mut self.items[self.next]))?;
        self.next += 1;
        Ok(())
    }

    fn finish(self) {
        self.items.truncate(self.next);
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

/// A struct: each field is written into the old value under its name. A struct type
/// writes the same fields every time, so the old keys are the new ones; when they are
/// not (a field skipped this time), the keys not written are removed at the end.
pub struct Struct<'a> {
    fields: &'a mut Map<String, Value>,
    written: Vec<&'static str>,
}

impl ser::SerializeStruct for Struct<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        match self.fields.get_mut(key) {
            Some(slot) => value.serialize(Into(slot))?,
            None => {
                self.fields.insert(key.to_owned(), serde_json::to_value(value)?);
            }
        }
        self.written.push(key);
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        // Every key written is in the map, so it holds others exactly when it is longer.
        if self.fields.len() != self.written.len() {
            let written = self.written;
            self.fields.retain(|k, _| written.contains(&k.as_str()));
        }
        Ok(())
    }
}

/// A value serde_json's own serializer builds, put in place at the end.
pub struct Fresh<'a, S> {
    target: &'a mut Value,
    inner: S,
}

impl<S: ser::SerializeMap<Ok = Value, Error = Error>> ser::SerializeMap for Fresh<'_, S> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.serialize_value(value)
    }
    fn end(self) -> Result<(), Error> {
        *self.target = self.inner.end()?;
        Ok(())
    }
}

impl<S: ser::SerializeTupleVariant<Ok = Value, Error = Error>> ser::SerializeTupleVariant for Fresh<'_, S> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.serialize_field(value)
    }
    fn end(self) -> Result<(), Error> {
        *self.target = self.inner.end()?;
        Ok(())
    }
}

impl<S: ser::SerializeStructVariant<Ok = Value, Error = Error>> ser::SerializeStructVariant for Fresh<'_, S> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.inner.serialize_field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        *self.target = self.inner.end()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Inner {
        name: String,
        score: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(u32),
        Pair(u8, u8),
        Named { x: i32 },
    }

    #[derive(Serialize)]
    struct Outer {
        items: Vec<Inner>,
        kinds: Vec<Kind>,
        map: std::collections::BTreeMap<String, u8>,
        flag: bool,
        nothing: (),
        big: u128,
        nan: f64,
    }

    fn outer(n: usize, note: bool) -> Outer {
        Outer {
            items: (0..n)
                .map(|i| Inner {
                    name: "x".repeat(i),
                    score: (i % 2 == 0).then_some(i as f64 / 3.0),
                    note: (note && i % 3 == 0).then(|| format!("note {i}")),
                })
                .collect(),
            kinds: vec![Kind::Plain, Kind::Wrapped(n as u32), Kind::Pair(1, 2), Kind::Named { x: -(n as i32) }],
            map: (0..n).map(|i| (format!("k{i}"), i as u8)).collect(),
            flag: note,
            nothing: (),
            big: 7,
            nan: f64::NAN,
        }
    }

    /// Whatever the tree held before, it ends equal to a fresh `to_value`.
    #[test]
    fn an_updated_tree_equals_a_fresh_one() {
        let mut tree = Value::Null;
        for (n, note) in [(3, true), (5, false), (1, true), (0, false), (4, true), (2, true)] {
            let data = outer(n, note);
            update(&mut tree, &data).unwrap();
            assert_eq!(tree, serde_json::to_value(&data).unwrap(), "n = {n}, note = {note}");
        }
        // A tree of another shape altogether.
        let mut tree = serde_json::json!({"items": "not a list", "flag": [1, 2], "extra": {"a": 1}});
        let data = outer(2, true);
        update(&mut tree, &data).unwrap();
        assert_eq!(tree, serde_json::to_value(&data).unwrap());
    }

    /// The report data, the largest the templates get: updated report after report in
    /// both languages, the tree always equals the one handlebars used to build.
    #[test]
    fn sampled_reports_update_to_the_same_tree() {
        let catalog = crate::model::catalog::Catalog::builtin().unwrap();
        let spec = crate::model::sample::SampleSpec { count: 40, seed: 11, profile: None };
        let mut tree = Value::Null;
        for i in 0..40 {
            let file = crate::model::sample::applicant(&catalog, &spec, i);
            let lang = crate::text::Lang::ALL[i % 2];
            let (_, report) =
                crate::engine::report::score_and_build(&catalog, &file, &[], Some(lang), &Default::default()).unwrap();
            update(&mut tree, &report).unwrap();
            assert_eq!(tree, serde_json::to_value(&report).unwrap(), "applicant {i}");
        }
    }
}
